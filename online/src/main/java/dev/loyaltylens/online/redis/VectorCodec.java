package dev.loyaltylens.online.redis;

import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.VectorRow;
import dev.loyaltylens.store.FeatureType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The value of a customer's field in its bucket, layout format 1: a null bitmap of {@code ceil(n /
 * 8)} bytes (bit {@code i % 8} of byte {@code i / 8} set when column {@code i} is null), then each
 * non-null value in column order, little-endian: BOOLEAN one byte (0 or 1), INTEGER int32, BIGINT
 * int64, DOUBLE IEEE-754 float64, TEXT a uint16 byte length and that many bytes of UTF-8.
 *
 * <p>Six features of SPEC section 3 take about 41 bytes, under Redis's {@code
 * hash-max-listpack-value} of 64, so buckets stay listpacks; the same as JSON takes about 130 bytes
 * and turns every bucket into a hash table.
 */
final class VectorCodec {

  static final int FORMAT = 1;
  static final int MAX_TEXT_BYTES = 0xFFFF;

  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private final FeatureType[] types;
  private final List<String> names;
  private final int bitmapBytes;

  VectorCodec(List<String> names, List<FeatureType> types) {
    this.names = List.copyOf(names);
    this.types = types.toArray(FeatureType[]::new);
    this.bitmapBytes = (this.types.length + 7) / 8;
  }

  /** Encodes rows one after the other into a buffer of its own: one encoder per loading thread. */
  Encoder encoder() {
    return new Encoder();
  }

  /**
   * The values of an encoded vector, each boxed as {@link dev.loyaltylens.online.FeatureVector}
   * says, or null.
   */
  Object[] decode(byte[] value) {
    Object[] values = new Object[types.length];
    int at = bitmapBytes;
    try {
      for (int i = 0; i < types.length; i++) {
        if ((value[i >>> 3] & (1 << (i & 7))) != 0) {
          continue;
        }
        switch (types[i]) {
          case BOOLEAN -> values[i] = value[at++] != 0;
          case INTEGER -> {
            values[i] = (int) INT_LE.get(value, at);
            at += 4;
          }
          case BIGINT -> {
            values[i] = (long) LONG_LE.get(value, at);
            at += 8;
          }
          case DOUBLE -> {
            values[i] = Double.longBitsToDouble((long) LONG_LE.get(value, at));
            at += 8;
          }
          case TEXT -> {
            int length = Short.toUnsignedInt((short) SHORT_LE.get(value, at));
            values[i] = new String(value, at + 2, length, StandardCharsets.UTF_8);
            at += 2 + length;
          }
        }
      }
    } catch (IndexOutOfBoundsException e) {
      throw new OnlineStoreException(
          "a vector of "
              + value.length
              + " bytes is shorter than its columns "
              + names
              + " need: it was not written in layout format "
              + FORMAT,
          e);
    }
    if (at != value.length) {
      throw new OnlineStoreException(
          "a vector of "
              + value.length
              + " bytes is longer than its columns "
              + names
              + " need: it was not written in layout format "
              + FORMAT);
    }
    return values;
  }

  /** Encodes one row at a time; not thread-safe. */
  final class Encoder {

    private byte[] buffer = new byte[64];
    private int at;

    byte[] encode(VectorRow row) {
      Arrays.fill(buffer, 0, bitmapBytes, (byte) 0);
      at = bitmapBytes;
      for (int i = 0; i < types.length; i++) {
        switch (types[i]) {
          case BOOLEAN -> {
            boolean value = row.getBoolean(i);
            if (!isNull(row, i)) {
              room(1);
              buffer[at++] = (byte) (value ? 1 : 0);
            }
          }
          case INTEGER -> {
            int value = row.getInt(i);
            if (!isNull(row, i)) {
              room(4);
              INT_LE.set(buffer, at, value);
              at += 4;
            }
          }
          case BIGINT -> {
            long value = row.getLong(i);
            if (!isNull(row, i)) {
              room(8);
              LONG_LE.set(buffer, at, value);
              at += 8;
            }
          }
          case DOUBLE -> {
            double value = row.getDouble(i);
            if (!isNull(row, i)) {
              room(8);
              LONG_LE.set(buffer, at, Double.doubleToRawLongBits(value));
              at += 8;
            }
          }
          case TEXT -> {
            byte[] value = row.getText(i);
            if (!isNull(row, i)) {
              if (value.length > MAX_TEXT_BYTES) {
                throw new OnlineStoreException(
                    "feature `"
                        + names.get(i)
                        + "` of customer "
                        + new String(row.customerId(), StandardCharsets.UTF_8)
                        + " is "
                        + value.length
                        + " bytes of text, more than the "
                        + MAX_TEXT_BYTES
                        + " an online vector holds");
              }
              room(2 + value.length);
              SHORT_LE.set(buffer, at, (short) value.length);
              System.arraycopy(value, 0, buffer, at + 2, value.length);
              at += 2 + value.length;
            }
          }
        }
      }
      return Arrays.copyOf(buffer, at);
    }

    private boolean isNull(VectorRow row, int column) {
      if (row.wasNull()) {
        buffer[column >>> 3] |= (byte) (1 << (column & 7));
        return true;
      }
      return false;
    }

    private void room(int bytes) {
      if (at + bytes > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, at + bytes));
      }
    }
  }
}
