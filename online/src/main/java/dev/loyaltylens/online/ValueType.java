package dev.loyaltylens.online;

import java.util.Locale;

/**
 * How a feature value is held, whatever DuckDB type its column has: the same mapping the API's in-memory index
 * uses, so both serve the same JSON for a version. A type not known here is held as its text.
 */
public enum ValueType {
  BOOLEAN,
  INTEGER,
  BIGINT,
  DOUBLE,
  TEXT;

  /** The value type of a DuckDB column type such as {@code INTEGER} or {@code DECIMAL(18,2)}. */
  public static ValueType of(String duckdbType) {
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
}
