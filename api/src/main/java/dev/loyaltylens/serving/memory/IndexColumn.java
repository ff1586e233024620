package dev.loyaltylens.serving.memory;

import dev.loyaltylens.serving.json.JsonOut;
import dev.loyaltylens.store.FeatureType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One feature column of a {@link FeatureIndex}, held as a primitive array (strings as codes into a
 * dictionary) rather than as objects per row, so that five million rows fit in a small heap and
 * load quickly.
 *
 * <p>Loading fills rows from several threads, each its own range, so the null bitmap is set
 * atomically.
 */
abstract class IndexColumn {

  private static final VarHandle BITS = MethodHandles.arrayElementVarHandle(long[].class);

  /** {@code "name":} in UTF-8, written before each value. */
  final byte[] key;

  private final long[] nulls;

  IndexColumn(String name, int rows) {
    byte[] quoted = JsonOut.quoted(name);
    key = new byte[quoted.length + 1];
    System.arraycopy(quoted, 0, key, 0, quoted.length);
    key[quoted.length] = ':';
    nulls = new long[(rows + 63) >>> 6];
  }

  /** Stores row {@code row} from column {@code column} of the current result set row. */
  abstract void read(ResultSet rs, int column, int row) throws SQLException;

  abstract void writeValue(int row, JsonOut out);

  /** Roughly what the column holds in the heap, for the load log. */
  abstract long bytes();

  final long nullBytes() {
    return 8L * nulls.length;
  }

  final void write(int row, JsonOut out) {
    if ((nulls[row >>> 6] & (1L << row)) != 0) {
      out.nullValue();
    } else {
      writeValue(row, out);
    }
  }

  final void setNull(int row) {
    BITS.getAndBitwiseOr(nulls, row >>> 6, 1L << row);
  }

  static IndexColumn of(String name, FeatureType type, int rows, byte[][] dictionary) {
    return switch (type) {
      case BOOLEAN -> new Booleans(name, rows);
      case INTEGER -> new Ints(name, rows);
      case BIGINT -> new Longs(name, rows);
      case DOUBLE -> new Doubles(name, rows);
      case TEXT ->
          dictionary == null ? new Texts(name, rows) : new CodedTexts(name, rows, dictionary);
    };
  }

  static final class Booleans extends IndexColumn {
    private final boolean[] values;

    Booleans(String name, int rows) {
      super(name, rows);
      values = new boolean[rows];
    }

    @Override
    void read(ResultSet rs, int column, int row) throws SQLException {
      values[row] = rs.getBoolean(column);
      if (rs.wasNull()) {
        setNull(row);
      }
    }

    @Override
    long bytes() {
      return values.length + nullBytes();
    }

    @Override
    void writeValue(int row, JsonOut out) {
      out.bool(values[row]);
    }
  }

  static final class Ints extends IndexColumn {
    private final int[] values;

    Ints(String name, int rows) {
      super(name, rows);
      values = new int[rows];
    }

    @Override
    void read(ResultSet rs, int column, int row) throws SQLException {
      values[row] = rs.getInt(column);
      if (rs.wasNull()) {
        setNull(row);
      }
    }

    @Override
    long bytes() {
      return 4L * values.length + nullBytes();
    }

    @Override
    void writeValue(int row, JsonOut out) {
      out.number(values[row]);
    }
  }

  static final class Longs extends IndexColumn {
    private final long[] values;

    Longs(String name, int rows) {
      super(name, rows);
      values = new long[rows];
    }

    @Override
    void read(ResultSet rs, int column, int row) throws SQLException {
      values[row] = rs.getLong(column);
      if (rs.wasNull()) {
        setNull(row);
      }
    }

    @Override
    long bytes() {
      return 8L * values.length + nullBytes();
    }

    @Override
    void writeValue(int row, JsonOut out) {
      out.number(values[row]);
    }
  }

  static final class Doubles extends IndexColumn {
    private final double[] values;

    Doubles(String name, int rows) {
      super(name, rows);
      values = new double[rows];
    }

    @Override
    void read(ResultSet rs, int column, int row) throws SQLException {
      values[row] = rs.getDouble(column);
      if (rs.wasNull()) {
        setNull(row);
      }
    }

    @Override
    long bytes() {
      return 8L * values.length + nullBytes();
    }

    @Override
    void writeValue(int row, JsonOut out) {
      out.number(values[row]);
    }
  }

  /**
   * Text with few distinct values (a category), read as codes into a dictionary of JSON literals.
   */
  static final class CodedTexts extends IndexColumn {
    private final int[] codes;
    private final byte[][] dictionary;

    CodedTexts(String name, int rows, byte[][] dictionary) {
      super(name, rows);
      this.codes = new int[rows];
      this.dictionary = dictionary;
    }

    @Override
    void read(ResultSet rs, int column, int row) throws SQLException {
      codes[row] = rs.getInt(column);
      if (rs.wasNull()) {
        setNull(row);
      }
    }

    @Override
    long bytes() {
      return 4L * codes.length + nullBytes();
    }

    @Override
    void writeValue(int row, JsonOut out) {
      out.raw(dictionary[codes[row]]);
    }
  }

  /** Text with many distinct values, one JSON literal per row. */
  static final class Texts extends IndexColumn {
    private final byte[][] values;

    Texts(String name, int rows) {
      super(name, rows);
      values = new byte[rows][];
    }

    @Override
    void read(ResultSet rs, int column, int row) throws SQLException {
      String value = rs.getString(column);
      if (value == null) {
        setNull(row);
      } else {
        values[row] = JsonOut.quoted(value);
      }
    }

    @Override
    long bytes() {
      long total = 8L * values.length + nullBytes();
      for (byte[] value : values) {
        total += value == null ? 0 : 16 + value.length;
      }
      return total;
    }

    @Override
    void writeValue(int row, JsonOut out) {
      out.raw(values[row]);
    }
  }
}
