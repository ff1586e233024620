package dev.loyaltylens.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The folder a LoyaltyLens store lives in, and the names of the files in it.
 *
 * <p>Writers open only {@code store.duckdb}; readers such as the API open only {@code published/},
 * whose files are written once and renamed into place, so neither side ever waits on the other's
 * DuckDB lock.
 */
public record StoreHome(Path root) {

  /**
   * A version id names a file in {@code published/}: letters, digits, '.', '_' and '-', not
   * starting with '.'.
   */
  private static final Pattern VERSION_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

  public StoreHome {
    root = root.toAbsolutePath().normalize();
  }

  public Path database() {
    return root.resolve("store.duckdb");
  }

  public Path publishedDir() {
    return root.resolve("published");
  }

  /** The snapshot file of a version, always directly inside {@link #publishedDir()}. */
  public Path snapshot(String version) {
    requireVersionId(version);
    return publishedDir().resolve(snapshotFileName(version));
  }

  /** The file name of a version's snapshot in {@code published/}. */
  public static String snapshotFileName(String version) {
    return version + ".duckdb";
  }

  public Path manifest() {
    return publishedDir().resolve("manifest.json");
  }

  /**
   * Refuses a version id that could name a file outside {@code published/} ({@code ../x}, {@code
   * a/b}, an absolute path): ids come from the registry and from {@code manifest.json}, which a
   * person can edit.
   */
  public static void requireVersionId(String version) {
    if (version == null || !VERSION_ID.matcher(version).matches()) {
      throw new InvalidVersionIdException(version);
    }
  }

  /**
   * {@code lookups/}: the Parquet files of the lookups the API logged ({@code serve --log-sample}),
   * which {@code consistency} reads; written by the API only, each file whole under its final name.
   */
  public Path lookupLog() {
    return root.resolve("lookups");
  }

  /**
   * {@code reports/}: the HTML report of each version ({@code report}), which the API serves the
   * latest of.
   */
  public Path reports() {
    return root.resolve("reports");
  }

  public Path spillDir() {
    return root.resolve("tmp");
  }

  /**
   * Fails unless the folder holds a store: its database, or the {@code published/} folder that
   * readers such as the API read (they may be given a copy of it alone). Checked before anything is
   * created, so that a mistyped {@code --home} leaves no empty store behind.
   */
  public void requireStore() {
    if (!Files.isRegularFile(database()) && !Files.isDirectory(publishedDir())) {
      throw new NoStoreException(this, "store.duckdb, no published/");
    }
  }
}
