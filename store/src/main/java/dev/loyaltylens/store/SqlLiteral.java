package dev.loyaltylens.store;

import java.nio.file.Path;

/**
 * A value written into SQL text where DuckDB takes no bound parameter ({@code ATTACH}, {@code COPY
 * ... TO}): single-quoted, with its quotes doubled.
 */
public final class SqlLiteral {

  private SqlLiteral() {}

  public static String of(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** A file's absolute path as a literal. */
  public static String of(Path path) {
    return of(path.toAbsolutePath().toString());
  }
}
