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
    return publishedDir().resolve(version + ".duckdb");
  }

  public Path manifest() {
    return publishedDir().resolve("manifest.json");
  }

  /**
   * {@code lookups/}: the Parquet files of the lookups the API logged ({@code serve --log-sample}), which
   * {@code consistency} reads; written by the API only, each file whole under its final name.
   */
  public Path lookupLog() {
    return root.resolve("lookups");
  }

  /** {@code reports/}: the HTML report of each version ({@code report}), which the API serves the latest of. */
  public Path reports() {
    return root.resolve("reports");
  }

  public Path spillDir() {
    return root.resolve("tmp");
  }
}
