package dev.loyaltylens.online.benchmark;

import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.OnlineVersion;
import dev.loyaltylens.online.SnapshotVectors;
import dev.loyaltylens.online.redis.RedisOnlineStore;
import dev.loyaltylens.online.redis.RedisSettings;
import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Loads a synthetic version of N rows into Redis and measures it: the load rate, the memory Redis
 * grew by ({@code INFO memory}) and the version's own estimate, single and batch reads as the API
 * does them, and the drop. The benchmark's version has an id of its own ({@code vbench-online}) and
 * is dropped at the end, so a Redis in use keeps its data. {@link #load} measures the load of any
 * published snapshot, for benchmarks that go on to serve it.
 *
 * <p>{@code LoadBenchmark ADDRESS ROWS WORK_DIR}: the snapshot is written to (and reused from)
 * {@code WORK_DIR}.
 */
public final class LoadBenchmark {

  static final String VERSION = "vbench-online";
  private static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");
  private static final long SEED = 7;
  private static final int LOOKUPS = 10_000;
  private static final int BATCHES = 500;
  private static final int BATCH = 100;

  /**
   * What loading one version measured.
   *
   * @param loadNanos from opening the snapshot to the version's completion (read, encode, send,
   *     count)
   * @param loaderCpuNanos CPU time of this process over the load (its DuckDB threads included)
   * @param redisCpuSeconds CPU time of Redis over the load, summed over the masters: on a machine
   *     shared with other work these two say what the load costs better than the wall time does
   * @param memoryGrownBytes how much Redis's {@code used_memory} grew over the load
   */
  public record Load(
      long rows,
      long loadNanos,
      long loaderCpuNanos,
      double redisCpuSeconds,
      long memoryGrownBytes,
      OnlineVersion version) {

    public double rowsPerSecond() {
      return rows * 1e9 / loadNanos;
    }

    public double bytesPerVector() {
      return rows == 0 ? 0 : (double) memoryGrownBytes / rows;
    }
  }

  /**
   * What one run measured.
   *
   * @param readNanos single reads, sorted
   * @param batchNanos batches of {@value #BATCH} ids, sorted
   */
  public record Figures(
      String address,
      boolean cluster,
      Load load,
      long[] readNanos,
      long[] batchNanos,
      long dropNanos) {}

  private LoadBenchmark() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println(
          "usage: LoadBenchmark ADDRESS ROWS WORK_DIR (ADDRESS redis://HOST:PORT or HOST:PORT,...)");
      System.exit(2);
    }
    Figures figures =
        run(args[0], Long.parseLong(args[1]), Path.of(args[2]), RedisSettings.defaults());
    print(figures, System.out);
  }

  /** Runs the benchmark once. */
  public static Figures run(String address, long rows, Path work, RedisSettings settings) {
    StoreHome home = new StoreHome(work.resolve("online-bench-" + rows));
    SyntheticSnapshot.write(home, VERSION, rows, SEED);
    List<String> ids = sampleIds(home, VERSION, LOOKUPS);
    try (RedisOnlineStore store = RedisOnlineStore.open(address, settings)) {
      Load loaded = load(store, home, VERSION, AS_OF);

      long[] reads = new long[ids.isEmpty() ? 0 : LOOKUPS];
      for (int i = 0; i < reads.length; i++) {
        long t0 = System.nanoTime();
        if (store.read(VERSION, ids.get(i % ids.size())).isEmpty()) {
          throw new OnlineStoreException(
              "the benchmark's version lost customer " + ids.get(i % ids.size()));
        }
        reads[i] = System.nanoTime() - t0;
      }
      Random random = new Random(SEED);
      long[] batches = new long[ids.isEmpty() ? 0 : BATCHES];
      for (int b = 0; b < batches.length; b++) {
        List<String> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
          batch.add(ids.get(random.nextInt(ids.size())));
        }
        long t0 = System.nanoTime();
        store.readMany(VERSION, batch);
        batches[b] = System.nanoTime() - t0;
      }
      Arrays.sort(reads);
      Arrays.sort(batches);

      long dropStart = System.nanoTime();
      store.drop(VERSION);
      long dropNanos = System.nanoTime() - dropStart;
      return new Figures(store.address(), store.isCluster(), loaded, reads, batches, dropNanos);
    }
  }

  /**
   * Loads the published snapshot of {@code version} in {@code home} into the store afresh (a copy
   * already there is dropped first, unless it is current) and measures the load; the version stays
   * loaded.
   */
  public static Load load(RedisOnlineStore store, StoreHome home, String version, Instant asOf) {
    if (store.pointer().filter(pointer -> pointer.version().equals(version)).isEmpty()) {
      store.drop(version);
    }
    long memoryBefore = store.usedMemoryBytes();
    double redisCpuBefore = store.usedCpuSeconds();
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    OnlineVersion loaded;
    try (SnapshotVectors source = SnapshotVectors.open(home, version)) {
      loaded = store.load(version, asOf, source);
    }
    long loadNanos = System.nanoTime() - start;
    long loaderCpu = processCpuNanos() - cpuBefore;
    double redisCpu = store.usedCpuSeconds() - redisCpuBefore;
    long memoryGrown = store.usedMemoryBytes() - memoryBefore;
    return new Load(loaded.rowCount(), loadNanos, loaderCpu, redisCpu, memoryGrown, loaded);
  }

  /** The figures as a Markdown table. */
  public static void print(Figures f, PrintStream out) {
    Load load = f.load();
    out.printf(
        Locale.ROOT,
        "%,d vectors of %d features into %s (%s)%n%n",
        load.rows(),
        load.version().columns().size(),
        f.address(),
        f.cluster() ? "Redis Cluster" : "one Redis server");
    printLoad(load, out);
    if (f.readNanos().length > 0) {
      out.printf(
          Locale.ROOT,
          "| read one vector, p50 / p99 | %s / %s |%n",
          micros(f.readNanos(), 0.50),
          micros(f.readNanos(), 0.99));
      out.printf(
          Locale.ROOT,
          "| read a batch of %d, p50 / p99 | %s / %s |%n",
          BATCH,
          micros(f.batchNanos(), 0.50),
          micros(f.batchNanos(), 0.99));
    }
    out.printf(Locale.ROOT, "| drop (SCAN + UNLINK) | %.2f s |%n", f.dropNanos() / 1e9);
  }

  /** The figures of a load as the start of a Markdown table, which the caller may go on with. */
  public static void printLoad(Load load, PrintStream out) {
    out.println("| what | figure |");
    out.println("|---|---:|");
    out.printf(
        Locale.ROOT,
        "| load (read, encode, send, count) | %.2f s, %,.0f rows/s |%n",
        load.loadNanos() / 1e9,
        load.rowsPerSecond());
    out.printf(
        Locale.ROOT,
        "| CPU over the load: loader / Redis | %.2f s / %.2f s |%n",
        load.loaderCpuNanos() / 1e9,
        load.redisCpuSeconds());
    out.printf(
        Locale.ROOT,
        "| Redis memory grown (INFO used_memory) | %.1f MB, %.1f bytes a vector |%n",
        load.memoryGrownBytes() / 1e6,
        load.bytesPerVector());
    out.printf(
        Locale.ROOT,
        "| the version's estimate (MEMORY USAGE) | %.1f MB per million customers |%n",
        load.version().memoryPerMillionCustomers() / 1e6);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String micros(long[] sorted, double quantile) {
    return String.format(
        Locale.ROOT,
        "%.1f µs",
        sorted[(int) Math.min(sorted.length - 1, sorted.length * quantile)] / 1e3);
  }

  private static List<String> sampleIds(StoreHome home, String version, int count) {
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      PublishedSnapshots.attach(connection, home, version, "snapshot");
      List<String> ids = new ArrayList<>();
      try (ResultSet rs =
          statement.executeQuery(
              "select customer_id from snapshot."
                  + PublishedSnapshots.TABLE
                  + " using sample reservoir("
                  + count
                  + " rows) repeatable (7)")) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (java.sql.SQLException e) {
      throw new OnlineStoreException(
          "could not sample ids of " + home.snapshot(version) + ": " + e.getMessage(), e);
    }
  }
}
