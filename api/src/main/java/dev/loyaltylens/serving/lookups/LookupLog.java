package dev.loyaltylens.serving.lookups;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.serving.backend.ServedVersion;
import dev.loyaltylens.store.StoreHome;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A sample of the lookups the API answers, kept in {@link StoreHome#lookupLog()} as Parquet ({@link
 * LogFiles}) for {@code consistency}. A customer is in the sample when a hash of its id falls under
 * the rate, so a sampled customer is logged every time, by every process.
 *
 * <p>The request threads never wait on it: a lookup that is not sampled costs a hash of the id and
 * nothing else (no allocation, no shared write); a sampled one is handed to the writer thread
 * through a lock-free queue, and dropped (and counted) when the writer is {@link #MAX_PENDING}
 * behind. Each process also notes when it first answered from each newly current version, which is
 * what the publish-to-first-serving lag is measured from.
 */
public final class LookupLog implements AutoCloseable {

  static final int MAX_PENDING = 100_000;
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final long threshold;
  private final boolean everyone;
  private final long flushNanos;
  private final LogFiles files;
  private final ConcurrentLinkedQueue<LoggedLookup> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong logged = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private volatile ServedVersion lastServed;
  private volatile boolean closing;
  private volatile String failure;

  private LookupLog(LookupLogSettings settings, LogFiles files) {
    this.everyone = settings.sampleRate() >= 1;
    this.threshold = (long) (settings.sampleRate() * 0x1p63);
    this.flushNanos = settings.flushInterval().toNanos();
    this.files = files;
    this.writer = new Thread(this::write, "lookup-log-writer");
    writer.setDaemon(true);
  }

  /** Starts logging into {@code home}'s lookup folder; null when the settings log nothing. */
  public static LookupLog start(StoreHome home, LookupLogSettings settings) {
    if (!settings.enabled()) {
      return null;
    }
    String server =
        "p" + ProcessHandle.current().pid() + "-" + Long.toString(System.currentTimeMillis(), 36);
    LookupLog log =
        new LookupLog(settings, new LogFiles(home.lookupLog(), server, settings.maxBytes()));
    log.writer.start();
    return log;
  }

  /**
   * Whether this customer's lookups are logged: the same answer for an id in every process and
   * every run.
   */
  public boolean sampled(String customerId) {
    return everyone || (mix(customerId.hashCode()) >>> 1) < threshold;
  }

  /** Whether any of these customers is sampled. */
  public boolean anySampled(List<String> customerIds) {
    for (String id : customerIds) {
      if (sampled(id)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Notes the version a request that named none was answered from; only a change of version is
   * logged.
   */
  public void servedLatest(ServedVersion version) {
    if (version != lastServed) {
      lastServed = version;
      offer(
          new LoggedLookup(
              LoggedLookup.FIRST_SERVED,
              null,
              nowMicros(),
              null,
              0,
              version.published().version(),
              null));
    }
  }

  /**
   * Logs an answered lookup of a sampled customer.
   *
   * @param requestedAtMicros when the request came, taken before its version was chosen ({@link
   *     #nowMicros})
   * @param asked {@code latest}, {@code as_of} or {@code version}
   * @param answer the vector's JSON as answered; not changed afterwards
   */
  public void lookup(
      String customerId,
      long requestedAtMicros,
      String asked,
      Instant askedAsOf,
      String version,
      byte[] answer) {
    offer(
        new LoggedLookup(
            LoggedLookup.LOOKUP,
            customerId,
            requestedAtMicros,
            asked,
            askedAsOf == null ? 0 : micros(askedAsOf),
            version,
            answer));
  }

  public static long nowMicros() {
    return micros(Instant.now());
  }

  /** Lookups handed to the writer so far, and those dropped because it was behind. */
  public long logged() {
    return logged.get();
  }

  public long dropped() {
    return dropped.get();
  }

  private void offer(LoggedLookup row) {
    if (pending.incrementAndGet() > MAX_PENDING || closing) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(row);
    logged.incrementAndGet();
  }

  private void write() {
    long lastFlush = System.nanoTime();
    while (true) {
      boolean stopping = closing;
      LoggedLookup row;
      try {
        while ((row = queue.poll()) != null) {
          pending.decrementAndGet();
          if (failure == null) {
            files.append(row);
          }
        }
        if (failure == null
            && (stopping
                || (files.buffered() > 0 && System.nanoTime() - lastFlush >= flushNanos))) {
          files.flush();
          lastFlush = System.nanoTime();
        }
      } catch (Exception e) {
        // The API goes on answering; the log stops, and says so once.
        failure = LoyaltyLensException.firstLine(e);
        System.err.println("serve: the lookup log stopped: " + failure);
      }
      if (stopping) {
        return;
      }
      LockSupport.parkNanos(IDLE_NANOS);
    }
  }

  /** Writes what is waiting, then stops. */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
      files.close();
    } catch (Exception e) {
      System.err.println(
          "serve: the lookup log could not be closed: " + LoyaltyLensException.firstLine(e));
    }
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }

  /**
   * MurmurHash3's 64-bit finalizer: spreads String's hash codes, close for similar ids, over the
   * whole range.
   */
  private static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb53a185a7ed5L;
    h ^= h >>> 33;
    return h;
  }
}
