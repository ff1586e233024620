package dev.loyaltylens.bench;

import dev.loyaltylens.online.OnlinePointer;
import dev.loyaltylens.online.OnlineVersion;
import dev.loyaltylens.online.benchmark.LoadBenchmark;
import dev.loyaltylens.online.redis.RedisOnlineStore;
import dev.loyaltylens.online.redis.RedisSettings;
import dev.loyaltylens.serving.ServeSettings;
import dev.loyaltylens.store.PublishedManifest;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench online}: a published version loaded into Redis and served through the API from
 * there, beside the API serving it from memory, in one run: the load rate and Redis's memory
 * ({@link LoadBenchmark#load}), then the same lookups through both modes, one connection, many
 * connections and batches.
 */
@Command(
    name = "online",
    mixinStandardHelpOptions = true,
    description = {
      "Load a snapshot of --rows customers into Redis and measure the load rate and Redis's memory, then the API in",
      "Redis mode beside the in-memory mode on the same lookups: one connection, --connections at once, batches.",
      "The Redis must hold no LoyaltyLens data: the benchmark makes its version current there, and removes it after."
    })
final class OnlineCommand implements Callable<Integer> {

  @Option(
      names = "--rows",
      defaultValue = "5000000",
      description = "Customers in the version (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(
      names = "--online",
      defaultValue = "redis://127.0.0.1:6379",
      description =
          "The Redis to load: redis://HOST:PORT, or HOST:PORT,... for a cluster (default: ${DEFAULT-VALUE}).")
  String online;

  @Option(
      names = "--lookups",
      defaultValue = "10000",
      description = "Timed single lookups per mode (default: ${DEFAULT-VALUE}).")
  int lookups;

  @Option(
      names = "--warmup",
      defaultValue = "10000",
      description = "Untimed lookups per mode first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--batch",
      defaultValue = "100",
      description = "Ids per batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--batches",
      defaultValue = "2000",
      description = "Timed batches per mode (default: ${DEFAULT-VALUE}).")
  int batches;

  @Option(
      names = "--connections",
      defaultValue = "32",
      description = "Connections at once for the throughput (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--seconds",
      defaultValue = "10",
      description = "Seconds of throughput per mode (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Mixin SyntheticDataOptions synthetic;

  private final PrintStream out;
  private final PrintStream progress;

  OnlineCommand() {
    this(System.out, System.err);
  }

  /** Prints the tables on {@code out} and its progress on {@code progress}. */
  OnlineCommand(PrintStream out, PrintStream progress) {
    this.out = out;
    this.progress = progress;
  }

  /** The scale the targets are stated at, to which every load figure is extrapolated. */
  static final long TARGET_ROWS = 5_000_000;

  /** What one mode of the API measured. */
  private record Mode(Latencies single, Latencies batches, ConcurrentHttp.Run many) {}

  @Override
  public Integer call() throws Exception {
    if (rows < 1
        || lookups < 1
        || warmup < 0
        || batch < 1
        || batch > 1_000
        || batches < 1
        || connections < 1
        || seconds < 1) {
      throw new BenchException(
          "--rows, --lookups, --batches, --connections and --seconds must be at least 1,"
              + " --warmup at least 0, and --batch 1 to 1000");
    }
    String loadAtStart = LoadAverage.now();
    Path folder = synthetic.folder("loyaltylens-bench-online-");
    try (RedisOnlineStore store = RedisOnlineStore.open(online, RedisSettings.defaults())) {
      requireNoOtherData(store);
      BenchData data = new BenchData(folder, rows, synthetic.seed);
      long start = System.nanoTime();
      data.writeSnapshot();
      progress.printf(
          Locale.ROOT,
          "bench: wrote %,d rows and their snapshot in %.1f s%n",
          rows,
          seconds(start));
      LoadBenchmark.Load load =
          LoadBenchmark.load(store, data.home(), BenchData.VERSION, BenchData.AS_OF);
      progress.printf(
          Locale.ROOT,
          "bench: loaded %,d vectors into %s in %.1f s%n",
          rows,
          online,
          load.loadNanos() / 1e9);
      try {
        store.makeCurrent(PublishedManifest.read(data.home()).orElseThrow());
        Random random = new Random(synthetic.seed);
        List<String> warm = sample(data, random, warmup);
        List<String> timed = sample(data, random, lookups);
        List<byte[]> warmBatches = batches(data, random, Math.max(1, warmup / batch));
        List<byte[]> timedBatches = batches(data, random, batches);
        ServeSettings memory =
            new ServeSettings(
                data.home(),
                "127.0.0.1",
                0,
                Math.max(ServeSettings.DEFAULT_THREADS, connections),
                Duration.ofSeconds(1),
                null);
        Mode inMemory = measure("in memory", memory, warm, timed, warmBatches, timedBatches);
        Mode inRedis =
            measure("Redis", memory.withOnline(online), warm, timed, warmBatches, timedBatches);
        print(store, load, inMemory, inRedis, loadAtStart, LoadAverage.now());
      } finally {
        store.clearCurrent(BenchData.VERSION);
        store.drop(BenchData.VERSION);
      }
      return 0;
    } finally {
      synthetic.release(folder);
    }
  }

  /** A Redis that serves or holds other versions is not the benchmark's to take over. */
  private void requireNoOtherData(RedisOnlineStore store) {
    Optional<String> serving = store.pointer().map(OnlinePointer::version);
    List<String> others =
        store.versions().stream()
            .map(OnlineVersion::version)
            .filter(version -> !version.equals(BenchData.VERSION))
            .toList();
    if (serving.filter(version -> !version.equals(BenchData.VERSION)).isPresent()
        || !others.isEmpty()) {
      throw new BenchException(
          "the Redis at "
              + online
              + " holds LoyaltyLens data (it serves "
              + serving.orElse("nothing")
              + ", and holds "
              + String.join(", ", others)
              + "): the benchmark would take it"
              + " over; give --online a Redis of its own, e.g. redis-server --port 6390 --save ''");
    }
    serving.ifPresent(store::clearCurrent);
  }

  private Mode measure(
      String name,
      ServeSettings settings,
      List<String> warm,
      List<String> timed,
      List<byte[]> warmBatches,
      List<byte[]> timedBatches)
      throws Exception {
    try (HttpApiStore api = HttpApiStore.start("the API, " + name, settings)) {
      progress.printf(
          Locale.ROOT, "bench: %s: ready in %.1f s%n", api.name(), api.ready().toNanos() / 1e9);
      Latencies single = Latencies.time(api.name(), warm, timed, api::lookup);
      Latencies batched =
          Latencies.time(
              api.name() + " batches",
              warmBatches,
              timedBatches,
              body -> {
                api.batch(body);
                return true;
              });
      long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      ConcurrentHttp.Run many =
          ConcurrentHttp.run(
              api.port(),
              connections,
              (socket, index) -> {
                long sent = 0;
                for (int i = index; System.nanoTime() < deadline; i += connections) {
                  int status = socket.get("/features/" + timed.get(i % timed.size()));
                  if (status != 200) {
                    throw new BenchException(
                        api.name()
                            + " answered "
                            + status
                            + " under "
                            + connections
                            + " connections");
                  }
                  sent++;
                }
                return sent;
              });
      progress.printf(
          Locale.ROOT,
          "bench: %s: median %s, p99 %s; batch of %d p99 %s; %,.0f requests/s at %d"
              + " connections%n",
          api.name(),
          LookupsCommand.format(single.median()),
          LookupsCommand.format(single.percentile(99)),
          batch,
          LookupsCommand.format(batched.percentile(99)),
          many.perSecond(),
          connections);
      return new Mode(single, batched, many);
    }
  }

  private void print(
      RedisOnlineStore store,
      LoadBenchmark.Load load,
      Mode memory,
      Mode redis,
      String loadAtStart,
      String loadAtEnd) {
    out.printf(
        Locale.ROOT,
        "%,d customers of %d features (seed %d) in %s (%s)%n",
        rows,
        BenchData.COLUMNS.size(),
        synthetic.seed,
        online,
        store.isCluster() ? "a Redis Cluster" : "one Redis server");
    out.printf(
        Locale.ROOT,
        "machine: %d cores, %s %s, Java %s; API and load generator in one JVM%n%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"));
    out.printf(
        "load average (1, 5, 15 minutes, as uptime prints it): %s at the start, %s at the end%n%n",
        loadAtStart, loadAtEnd);
    LoadBenchmark.printLoad(load, out);
    out.println();
    printAtTargetScale(load);
    out.println();
    out.printf(
        Locale.ROOT,
        "| through the HTTP API (%,d lookups, %,d batches of %d, %d s at %d connections) |"
            + " in memory | Redis | target for Redis |%n",
        lookups,
        batches,
        batch,
        seconds,
        connections);
    out.println("|---|---:|---:|---:|");
    row("one connection, median", memory.single().median(), redis.single().median(), "<= 150 µs");
    row(
        "one connection, p99",
        memory.single().percentile(99),
        redis.single().percentile(99),
        "<= 1 ms");
    out.printf(
        Locale.ROOT,
        "| %d connections | %,.0f requests/s | %,.0f requests/s | >= 15,000 requests/s |%n",
        connections,
        memory.many().perSecond(),
        redis.many().perSecond());
    row("batch of " + batch + ", median", memory.batches().median(), redis.batches().median(), "");
    row(
        "batch of " + batch + ", p99",
        memory.batches().percentile(99),
        redis.batches().percentile(99),
        "<= 3 ms");
  }

  /**
   * The load's figures per million customers and extrapolated linearly to the targets' 5,000,000.
   */
  private void printAtTargetScale(LoadBenchmark.Load load) {
    double scale = (double) TARGET_ROWS / rows;
    double grownPerMillion = load.memoryGrownBytes() * (1e6 / rows);
    double estimatePerMillion = load.version().memoryPerMillionCustomers();
    out.printf(
        Locale.ROOT,
        "| the load, %,d rows, extrapolated linearly | measured | at %,d rows | target at %,d |%n",
        rows,
        TARGET_ROWS,
        TARGET_ROWS);
    out.println("|---|---:|---:|---:|");
    out.printf(
        Locale.ROOT,
        "| load rate, time | %,.0f rows/s | %.1f s | >= 250,000 rows/s, <= 20 s |%n",
        load.rowsPerSecond(),
        load.loadNanos() * scale / 1e9);
    out.printf(
        Locale.ROOT,
        "| Redis memory grown (INFO used_memory) | %.1f MB per million | %,.0f MB | <= 1,500 MB |%n",
        grownPerMillion / 1e6,
        grownPerMillion * TARGET_ROWS / 1e12);
    out.printf(
        Locale.ROOT,
        "| the version's estimate (MEMORY USAGE) | %.1f MB per million | %,.0f MB | |%n",
        estimatePerMillion / 1e6,
        estimatePerMillion * TARGET_ROWS / 1e12);
  }

  private void row(String what, long memoryNanos, long redisNanos, String target) {
    out.printf(
        "| %s | %s | %s | %s |%n",
        what, LookupsCommand.format(memoryNanos), LookupsCommand.format(redisNanos), target);
  }

  private static List<String> sample(BenchData data, Random random, int count) {
    List<String> sample = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sample.add(data.id(random.nextLong(data.rows())));
    }
    return sample;
  }

  private List<byte[]> batches(BenchData data, Random random, int count) {
    List<byte[]> bodies = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      bodies.add(
          sample(data, random, batch).stream()
              .map(id -> '"' + id + '"')
              .collect(Collectors.joining(",", "[", "]"))
              .getBytes(StandardCharsets.US_ASCII));
    }
    return bodies;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
