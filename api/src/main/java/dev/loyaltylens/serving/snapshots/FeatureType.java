package dev.loyaltylens.serving.snapshots;

import dev.loyaltylens.serving.json.JsonOut;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How a DuckDB column type is held and written as JSON. Feature columns are not fixed (analysts add them), so
 * every type maps to one of these, and any type not known here is served as its text.
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

  /** The select expression that reads a column as this type expects it. */
  public String select(String quotedColumn) {
    return this == TEXT ? "cast(" + quotedColumn + " as varchar)" : quotedColumn;
  }

  /** Writes the value of a result set column, read with {@link #select}, as JSON. */
  public void write(ResultSet rs, int column, JsonOut out) throws SQLException {
    switch (this) {
      case BOOLEAN -> {
        boolean value = rs.getBoolean(column);
        if (rs.wasNull()) {
          out.nullValue();
        } else {
          out.bool(value);
        }
      }
      case INTEGER -> {
        int value = rs.getInt(column);
        if (rs.wasNull()) {
          out.nullValue();
        } else {
          out.number(value);
        }
      }
      case BIGINT -> {
        long value = rs.getLong(column);
        if (rs.wasNull()) {
          out.nullValue();
        } else {
          out.number(value);
        }
      }
      case DOUBLE -> {
        double value = rs.getDouble(column);
        if (rs.wasNull()) {
          out.nullValue();
        } else {
          out.number(value);
        }
      }
      case TEXT -> {
        String value = rs.getString(column);
        if (value == null) {
          out.nullValue();
        } else {
          out.raw(JsonOut.quoted(value));
        }
      }
    }
  }

  /** A SQL identifier in double quotes, safe whatever the column is called. */
  public static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
