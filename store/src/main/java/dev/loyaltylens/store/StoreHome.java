package dev.loyaltylens.store;

import java.nio.file.Files;
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
    return publishedDir().resolve(version + ".duckdb");
  }

  public Path manifest() {
    return publishedDir().resolve("manifest.json");
  }

  public Path spillDir() {
    return root.resolve("tmp");
  }

  /**
   * Fails unless the folder holds a store: its database, or the {@code published/} folder that readers such as
   * the API read (they may be given a copy of it alone). Checked before anything is created, so that a mistyped
   * {@code --home} leaves no empty store behind.
   */
  public void requireStore() {
    if (!Files.isRegularFile(database()) && !Files.isDirectory(publishedDir())) {
      throw new NoStoreException(this, "store.duckdb, no published/");
    }
  }
}
