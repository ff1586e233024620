package dev.loyaltylens.serving;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How a DuckDB column type is held and written as JSON. Feature columns are not fixed (analysts add them), so
 * every type maps to one of these, and any type not known here is served as its text.
 */
enum FeatureType {
  BOOLEAN,
  INTEGER,
  BIGINT,
  DOUBLE,
  TEXT;

  static FeatureType of(String duckdbType) {
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
  String select(String quotedColumn) {
    return this == TEXT ? "cast(" + quotedColumn + " as varchar)" : quotedColumn;
  }

  /** Writes the value of a result set column, read with {@link #select}, as JSON. */
  void write(ResultSet rs, int column, JsonOut out) throws SQLException {
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
          out.raw(quoted(value));
        }
      }
    }
  }

  /** A string as a JSON literal in UTF-8, quotes included. */
  static byte[] quoted(String value) {
    byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
    byte[] literal = new byte[escaped.length + 2];
    literal[0] = '"';
    System.arraycopy(escaped, 0, literal, 1, escaped.length);
    literal[literal.length - 1] = '"';
    return literal;
  }

  /** A SQL identifier in double quotes, safe whatever the column is called. */
  static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
