package dev.loyaltylens.serving.memory;

import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureType;
import dev.loyaltylens.store.PublishedVersion;
import java.util.List;
import java.util.Locale;

/**
 * The heap an in-memory index takes, worked out from the sizes of its arrays before any is made,
 * and the heap a server has for it: a version that cannot fit is refused with what it needs and how
 * to give it that, instead of dying half-way in an {@code OutOfMemoryError}.
 */
public final class HeapBudget {

  /** The environment variable the launcher turns into {@code -Xmx}. */
  public static final String HEAP_ENV = "LOYALTYLENS_API_HEAP";

  /**
   * Ids are assumed this long when only the manifest is known: UUIDs are 36 bytes, the id rule
   * allows 64.
   */
  static final int ASSUMED_ID_BYTES = 40;

  /**
   * A text value that is not dictionary-encoded: an array header, the value and its quotes, when
   * unmeasured.
   */
  static final int ASSUMED_TEXT_BYTES = 48;

  /** The launcher never gives less than the heap it gave before the heap was sized. */
  public static final String DEFAULT_HEAP = "2g";

  static final long MIN_HEAP = 2L << 30;
  static final long MIN_RESERVE = 32L << 20;
  static final double RESERVE_SHARE = 0.1;

  private static final double MAX_LOAD = 0.7;

  private HeapBudget() {}

  /**
   * One feature column's cost: its type, whether its values are codes into a dictionary, its text
   * bytes.
   */
  record Column(FeatureType type, boolean coded, long textBytes) {}

  /**
   * The heap an index of these sizes takes at its peak, while it is being built (its hash codes
   * included).
   */
  static long indexBytes(long rows, long idBytes, List<Column> columns) {
    long capacity = 16;
    while (capacity * MAX_LOAD < rows) {
      capacity <<= 1;
    }
    long total = idBytes + 4 * (rows + 1) + 4 * rows + 8 * capacity;
    for (Column column : columns) {
      total += 8 * ((rows + 63) / 64);
      total +=
          switch (column.type()) {
            case BOOLEAN -> rows;
            case INTEGER -> 4 * rows;
            case BIGINT, DOUBLE -> 8 * rows;
            case TEXT -> column.coded() ? 4 * rows : 8 * rows + column.textBytes();
          };
    }
    return total;
  }

  /** What a version needs, known only from the manifest: its row count and column types. */
  static long estimate(PublishedVersion version) {
    List<Column> columns =
        version.columns().stream().map(column -> estimate(version, column)).toList();
    return indexBytes(version.rowCount(), version.rowCount() * ASSUMED_ID_BYTES, columns);
  }

  private static Column estimate(PublishedVersion version, FeatureColumn column) {
    FeatureType type = FeatureType.of(column.type());
    // The gate counts the categories of a text feature with few values: those are
    // dictionary-encoded.
    boolean coded =
        type == FeatureType.TEXT
            && version
                .statistics()
                .feature(column.name())
                .map(stats -> stats.categories() != null && !stats.categories().isEmpty())
                .orElse(false);
    return new Column(type, coded, (long) ASSUMED_TEXT_BYTES * version.rowCount());
  }

  /**
   * The {@code -Xmx} to serve {@code version} with, known from the manifest only: see {@link
   * #advisedHeap}.
   */
  public static String heapFor(PublishedVersion version) {
    return advisedHeap(estimate(version));
  }

  /**
   * The heap for an index of {@code indexBytes}: room for two (the next version is built while this
   * one answers) beside the reserve, in whole gigabytes, never below the launcher's old default of
   * 2 GB.
   */
  static String advisedHeap(long indexBytes) {
    long needed = (long) (2 * indexBytes / (1 - RESERVE_SHARE)) + MIN_RESERVE;
    return Math.max(MIN_HEAP, needed + (1L << 30) - 1) / (1L << 30) + "g";
  }

  /** Heap kept for everything but indexes: requests, JSON buffers, snapshot reads. */
  static long reserve(long maxHeap) {
    return Math.max(MIN_RESERVE, (long) (maxHeap * RESERVE_SHARE));
  }

  /**
   * Refuses to build an index that does not fit beside what the heap already holds.
   *
   * @param held the heap taken by the index that answers meanwhile
   */
  static void require(PublishedVersion version, long needed, long held) {
    long max = Runtime.getRuntime().maxMemory();
    if (needed > max - held - reserve(max)) {
      throw ServingException.serverError(tooLarge(version, needed, max, held), null);
    }
  }

  /**
   * What to say of a version whose index does not fit: what it needs, what there is, and what to
   * set.
   */
  static String tooLarge(PublishedVersion version, long needed, long max, long held) {
    return String.format(
        Locale.ROOT,
        "version %s needs about %,d MB of heap for its index (%,d rows), and this server has %,d MB (-Xmx)%s:"
            + " start serve with %s=%s (the launcher's -Xmx; `serve --print-heap` says what the latest version"
            + " needs)",
        version.version(),
        needed >> 20,
        version.rowCount(),
        max >> 20,
        held == 0
            ? ""
            : String.format(
                Locale.ROOT, ", %,d MB of it held by the version it serves", held >> 20),
        HEAP_ENV,
        advisedHeap(needed));
  }
}
