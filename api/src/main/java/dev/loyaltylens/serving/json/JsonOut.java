package dev.loyaltylens.serving.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Arrays;

/**
 * A growable UTF-8 buffer that JSON replies are written into, one per thread and reused, so that
 * answering a lookup allocates little beyond the reply's final bytes.
 */
public final class JsonOut {

  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] MIN_INT = Integer.toString(Integer.MIN_VALUE).getBytes();
  private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes();

  /**
   * A buffer grown past this by a large batch is dropped after use rather than kept by its thread.
   */
  private static final int KEPT_CAPACITY = 64 * 1024;

  private static final ThreadLocal<JsonOut> PER_THREAD =
      ThreadLocal.withInitial(() -> new JsonOut(1024));

  private byte[] buffer;
  private int length;

  public JsonOut(int capacity) {
    buffer = new byte[capacity];
  }

  /** This thread's buffer, emptied. */
  public static JsonOut forThisThread() {
    JsonOut out = PER_THREAD.get();
    if (out.buffer.length > KEPT_CAPACITY) {
      out.buffer = new byte[1024];
    }
    out.length = 0;
    return out;
  }

  public JsonOut raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
    return this;
  }

  public JsonOut raw(char c) {
    ensure(1);
    buffer[length++] = (byte) c;
    return this;
  }

  /** Writes a string known to need no escaping, such as a validated customer id, between quotes. */
  public JsonOut plainString(String text) {
    int count = text.length();
    ensure(count + 2);
    buffer[length++] = '"';
    for (int i = 0; i < count; i++) {
      buffer[length++] = (byte) text.charAt(i);
    }
    buffer[length++] = '"';
    return this;
  }

  public JsonOut nullValue() {
    return raw(NULL);
  }

  public JsonOut bool(boolean value) {
    return raw(value ? TRUE : FALSE);
  }

  public JsonOut number(long value) {
    if (value == Long.MIN_VALUE) {
      return raw(MIN_LONG);
    }
    if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
      return number((int) value);
    }
    ensure(20);
    if (value < 0) {
      buffer[length++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    for (int i = length + digits - 1; i >= length; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
    return this;
  }

  public JsonOut number(int value) {
    if (value == Integer.MIN_VALUE) {
      return raw(MIN_INT);
    }
    ensure(11);
    if (value < 0) {
      buffer[length++] = '-';
      value = -value;
    }
    int digits = 1;
    for (int rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    for (int i = length + digits - 1; i >= length; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
    return this;
  }

  /** JSON has no NaN or infinity: those are written as null. */
  public JsonOut number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return nullValue();
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      number((long) value);
      return raw('.').raw('0');
    }
    String text = Double.toString(value);
    int count = text.length();
    ensure(count);
    for (int i = 0; i < count; i++) {
      buffer[length++] = (byte) text.charAt(i);
    }
    return this;
  }

  public byte[] toBytes() {
    return Arrays.copyOf(buffer, length);
  }

  /** A string as a JSON literal in UTF-8, quotes included. */
  public static byte[] quoted(String value) {
    byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
    byte[] literal = new byte[escaped.length + 2];
    literal[0] = '"';
    System.arraycopy(escaped, 0, literal, 1, escaped.length);
    literal[literal.length - 1] = '"';
    return literal;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
