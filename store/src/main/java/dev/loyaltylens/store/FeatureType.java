package dev.loyaltylens.store;

import java.util.Locale;

/**
 * How a feature value is held and served, whatever DuckDB type its column has. Feature columns are
 * not fixed (analysts add them), so every type maps to one of these, and any type not known here is
 * served as its text. The API's in-memory index and the online store both read snapshots through
 * it, so both serve the same values.
 */
public enum FeatureType {
  BOOLEAN,
  INTEGER,
  BIGINT,
  DOUBLE,
  TEXT;

  public static FeatureType of(String duckdbType) {
    String type = duckdbType.toUpperCase(Locale.ROOT);
    if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
      return DOUBLE;
    }
    return switch (type) {
      case "BOOLEAN", "BOOL" -> BOOLEAN;
      case "TINYINT", "SMALLINT", "INTEGER", "INT", "UTINYINT", "USMALLINT" -> INTEGER;
      case "BIGINT", "UINTEGER" -> BIGINT;
      case "FLOAT", "REAL", "DOUBLE" -> DOUBLE;
      default -> TEXT;
    };
  }

  /**
   * The select expression that reads a column as this type expects it: with JDBC's {@code
   * getBoolean}, {@code getInt}, {@code getLong} and {@code getDouble}, or as text.
   */
  public String select(String quotedColumn) {
    return this == TEXT ? "cast(" + quotedColumn + " as varchar)" : quotedColumn;
  }

  /** A SQL identifier in double quotes, safe whatever the column is called. */
  public static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
