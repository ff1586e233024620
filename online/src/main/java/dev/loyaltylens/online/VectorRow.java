package dev.loyaltylens.online;

/**
 * One customer's row as a loader reads it, valid only while the loader is being handed it. Columns
 * are numbered from 0 in the order of {@link VectorSource#columns()}; as in JDBC, {@link
 * #wasNull()} tells whether the value read last was null.
 */
public interface VectorRow {

  /** The customer id in UTF-8. */
  byte[] customerId();

  boolean getBoolean(int column);

  int getInt(int column);

  long getLong(int column);

  double getDouble(int column);

  /** The value as UTF-8 text, or null. */
  byte[] getText(int column);

  boolean wasNull();
}
