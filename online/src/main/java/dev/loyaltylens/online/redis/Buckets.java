package dev.loyaltylens.online.redis;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which bucket of its version a customer's vector is in: the first 8 bytes of the MD5 digest of the
 * customer id's UTF-8 bytes, read as an unsigned little-endian integer, modulo the version's bucket
 * count. MD5 because every language has it (and DuckDB too: {@code md5_number_upper(id) % buckets}
 * is the same number), not for security.
 */
final class Buckets {

  /**
   * Vectors per bucket on average: small enough that a bucket stays a listpack (at most 128 entries
   * by default) with a wide margin, large enough that the per-key cost of Redis is shared by many
   * vectors.
   */
  static final int VECTORS_PER_BUCKET = 64;

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(Buckets::md5);

  private Buckets() {}

  /** The bucket count of a version of so many rows. */
  static long countFor(long rows) {
    return Math.max(1, (rows + VECTORS_PER_BUCKET - 1) / VECTORS_PER_BUCKET);
  }

  static long of(byte[] customerId, long buckets) {
    byte[] digest = MD5.get().digest(customerId);
    return Long.remainderUnsigned((long) LONG_LE.get(digest, 0), buckets);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has MD5", e);
    }
  }
}
