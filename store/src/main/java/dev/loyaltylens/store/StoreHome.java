package dev.loyaltylens.store;

import java.nio.file.Path;

/**
 * The folder a LoyaltyLens store lives in, and the names of the files in it.
 *
 * <p>Writers open only {@code store.duckdb}; readers such as the API open only {@code published/}, whose files
 * are written once and renamed into place, so neither side ever waits on the other's DuckDB lock.
 */
public record StoreHome(Path root) {

  public StoreHome {
    root = root.toAbsolutePath().normalize();
  }

  public Path database() {
    return root.resolve("store.duckdb");
  }

  public Path publishedDir() {
    return root.resolve("published");
  }

  public Path snapshot(String version) {
    return publishedDir().resolve(snapshotFileName(version));
  }

  /** The file name of a version's snapshot in {@code published/}. */
  public static String snapshotFileName(String version) {
    return version + ".duckdb";
  }

  public Path manifest() {
    return publishedDir().resolve("manifest.json");
  }

  public Path spillDir() {
    return root.resolve("tmp");
  }
}
