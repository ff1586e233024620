package dev.loyaltylens.serving.memory;

import dev.loyaltylens.serving.backend.ServedVersion;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.json.BatchJson;
import dev.loyaltylens.serving.json.JsonOut;
import dev.loyaltylens.serving.json.Vectors;
import dev.loyaltylens.store.PublishedVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One published version held in memory for lookups: the customer ids in one byte array with an
 * open-addressing hash table over them, and each feature as a primitive column. Immutable once
 * built, so requests share it without locks and a new version replaces it by swapping one
 * reference.
 */
final class FeatureIndex implements ServedVersion {

  private static final double MAX_LOAD = 0.7;

  private final PublishedVersion version;
  private final int rows;

  /** The ids, one after the other in row order. */
  private final byte[] ids;

  /** Row {@code r}'s id is {@code ids[starts[r] .. starts[r + 1])}. */
  private final int[] starts;

  /**
   * Per slot: the id's hash in the high half and its row + 1 in the low half; 0 is an empty slot.
   */
  private final long[] slots;

  private final int mask;
  private final IndexColumn[] columns;
  private final byte[] versionPart;

  FeatureIndex(
      PublishedVersion version, byte[] ids, int[] starts, int[] hashes, List<IndexColumn> columns) {
    this.version = version;
    this.rows = starts.length - 1;
    this.ids = ids;
    this.starts = starts;
    this.columns = columns.toArray(IndexColumn[]::new);
    this.versionPart = Vectors.versionPart(version);
    int capacity = 16;
    while (capacity * MAX_LOAD < rows) {
      capacity <<= 1;
    }
    this.slots = new long[capacity];
    this.mask = capacity - 1;
    for (int row = 0; row < rows; row++) {
      insert(row, hashes[row]);
    }
  }

  @Override
  public PublishedVersion published() {
    return version;
  }

  @Override
  public boolean writeVector(String customerId, JsonOut out) {
    int row = find(customerId);
    if (row < 0) {
      return false;
    }
    writeVector(customerId, row, out);
    return true;
  }

  @Override
  public void writeBatch(List<String> customerIds, BatchJson batch) {
    for (String id : customerIds) {
      int row = find(id);
      if (row < 0) {
        batch.notFound(id);
      } else {
        writeFeatures(row, batch.beginFound(id));
        batch.endFound();
      }
    }
  }

  @Override
  public long heapBytes() {
    long total = ids.length + 4L * starts.length + 8L * slots.length;
    for (IndexColumn column : columns) {
      total += column.bytes();
    }
    return total;
  }

  int rows() {
    return rows;
  }

  /** The row of a customer id, or -1 when the version does not hold it. */
  int find(String id) {
    int hash = hash(id);
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      long entry = slots[slot];
      if (entry == 0) {
        return -1;
      }
      if ((int) (entry >>> 32) == hash) {
        int row = (int) entry - 1;
        if (idEquals(row, id)) {
          return row;
        }
      }
    }
  }

  /** Writes the whole vector of a row: id, version, as-of and features. */
  void writeVector(String id, int row, JsonOut out) {
    Vectors.writeStart(out, id, versionPart);
    writeFeatures(row, out);
    out.raw('}');
  }

  /** Writes the features object of a row. */
  void writeFeatures(int row, JsonOut out) {
    out.raw('{');
    for (int i = 0; i < columns.length; i++) {
      if (i > 0) {
        out.raw(',');
      }
      IndexColumn column = columns[i];
      out.raw(column.key);
      column.write(row, out);
    }
    out.raw('}');
  }

  static int hash(String id) {
    int h = 0x811C9DC5;
    for (int i = 0, n = id.length(); i < n; i++) {
      h = (h ^ id.charAt(i)) * 0x01000193;
    }
    return mix(h);
  }

  /**
   * The same hash over an id's bytes, equal to {@link #hash(String)} for the ASCII ids the rule
   * allows.
   */
  static int hash(byte[] bytes, int from, int to) {
    int h = 0x811C9DC5;
    for (int i = from; i < to; i++) {
      h = (h ^ (bytes[i] & 0xFF)) * 0x01000193;
    }
    return mix(h);
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  private void insert(int row, int hash) {
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      long entry = slots[slot];
      if (entry == 0) {
        slots[slot] = ((long) hash << 32) | (row + 1L);
        return;
      }
      if ((int) (entry >>> 32) == hash && sameId((int) entry - 1, row)) {
        throw ServingException.serverError(
            "snapshot of " + version.version() + " holds customer `" + idOf(row) + "` twice", null);
      }
    }
  }

  private boolean idEquals(int row, String id) {
    int from = starts[row];
    int length = starts[row + 1] - from;
    if (length != id.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (ids[from + i] != id.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private boolean sameId(int a, int b) {
    return Arrays.equals(ids, starts[a], starts[a + 1], ids, starts[b], starts[b + 1]);
  }

  private String idOf(int row) {
    return new String(ids, starts[row], starts[row + 1] - starts[row], StandardCharsets.UTF_8);
  }
}
