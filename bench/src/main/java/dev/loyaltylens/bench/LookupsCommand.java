package dev.loyaltylens.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench lookups}: the table of SPEC section 8 on this machine. The same rows go into DuckDB,
 * SQLite, Redis and a published snapshot served by the API; each store is warmed up, then timed on
 * the same random ids.
 */
@Command(
    name = "lookups",
    mixinStandardHelpOptions = true,
    description = {
      "Time random point lookups of whole feature vectors in DuckDB, SQLite, Redis and the LoyaltyLens HTTP API,",
      "all holding the same rows, and print the median and p99 of each next to the reference article's figures."
    })
final class LookupsCommand implements Callable<Integer> {

  @Option(
      names = "--rows",
      defaultValue = "5000000",
      description = "Customers in the table (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(
      names = "--lookups",
      defaultValue = "10000",
      description = "Timed lookups per store (default: ${DEFAULT-VALUE}).")
  int lookups;

  @Option(
      names = "--warmup",
      defaultValue = "10000",
      description =
          "Untimed lookups per store first, so caches and the JIT are warm (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--redis-port",
      defaultValue = "6379",
      description =
          "Port of a Redis server on 127.0.0.1; its row is skipped when none answers (default: ${DEFAULT-VALUE}).")
  int redisPort;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the rows and of the ids looked up (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--work",
      description =
          "Folder for the data files, kept afterwards (default: a temporary folder, deleted at the end).")
  Path work;

  private final PrintStream out;
  private final PrintStream progress;

  LookupsCommand() {
    this(System.out, System.err);
  }

  /** Prints the table on {@code out} and its progress on {@code progress}. */
  LookupsCommand(PrintStream out, PrintStream progress) {
    this.out = out;
    this.progress = progress;
  }

  /** A row of the table: a store's latencies, or why it was skipped. */
  private record Result(String store, Latencies latencies, String skipped, String article) {}

  @Override
  public Integer call() throws Exception {
    if (rows < 1 || lookups < 1 || warmup < 0) {
      throw new BenchException("--rows and --lookups must be at least 1 and --warmup at least 0");
    }
    boolean temporary = work == null;
    Path folder = temporary ? Files.createTempDirectory("loyaltylens-bench-") : work;
    try {
      BenchData data = new BenchData(folder, rows, seed);
      long start = System.nanoTime();
      data.writeDuckDb();
      step(
          String.format(
              Locale.ROOT, "wrote %,d rows to DuckDB (indexed) and a published snapshot", rows),
          start);
      Random random = new Random(seed);
      List<String> warm = ids(data, random, warmup);
      List<String> timed = ids(data, random, lookups);
      List<Result> results = new ArrayList<>();

      try (DuckDbStore duckdb = new DuckDbStore(data.duckdbFile())) {
        results.add(measure(duckdb, warm, timed, "~4 ms"));
      }
      start = System.nanoTime();
      try (SqliteStore sqlite =
          SqliteStore.load(data, folder.resolve("sqlite").resolve("features.sqlite"))) {
        step("loaded SQLite", start);
        results.add(measure(sqlite, warm, timed, "~12 ms"));
      }
      RedisStore redis = RedisStore.connect(redisPort);
      if (redis == null) {
        progress.printf(
            "bench: no Redis answers on 127.0.0.1:%d, its row is skipped; to include it: apt-get install"
                + " redis-server && redis-server --bind 127.0.0.1 --port %d --save '' --daemonize yes%n",
            redisPort, redisPort);
        results.add(
            new Result(
                "Redis (HGETALL, Jedis)",
                null,
                "skipped: no server on port " + redisPort,
                "~2 ms"));
      } else {
        try (redis) {
          start = System.nanoTime();
          redis.load(data);
          step("loaded Redis with one hash per customer", start);
          results.add(measure(redis, warm, timed, "~2 ms"));
        }
      }
      try (HttpApiStore api = HttpApiStore.start(data)) {
        progress.printf(
            Locale.ROOT, "bench: the API was ready in %.1f s%n", api.ready().toNanos() / 1e9);
        results.add(measure(api, warm, timed, "-"));
      }
      print(results);
      return 0;
    } finally {
      if (temporary) {
        deleteTree(folder);
      }
    }
  }

  private Result measure(LookupStore store, List<String> warm, List<String> timed, String article)
      throws Exception {
    Latencies latencies = Latencies.time(store.name(), warm, timed, store::lookup);
    progress.printf(
        Locale.ROOT,
        "bench: %s: median %s, p99 %s%n",
        store.name(),
        format(latencies.median()),
        format(latencies.percentile(99)));
    return new Result(store.name(), latencies, null, article);
  }

  private static List<String> ids(BenchData data, Random random, int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(data.id(random.nextLong(data.rows())));
    }
    return ids;
  }

  private void print(List<Result> results) {
    out.printf(
        Locale.ROOT,
        "%,d random lookups of whole vectors among %,d customers, after %,d warm-up lookups"
            + " (seed %d)%n",
        lookups,
        rows,
        warmup,
        seed);
    out.printf(
        Locale.ROOT,
        "machine: %d cores, %s %s, Java %s%n%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"));
    out.println("| store | median | p99 | mean | article's median (SPEC 8) |");
    out.println("|---|---:|---:|---:|---:|");
    for (Result result : results) {
      if (result.latencies() == null) {
        out.printf("| %s | %s | | | %s |%n", result.store(), result.skipped(), result.article());
      } else {
        Latencies l = result.latencies();
        out.printf(
            "| %s | %s | %s | %s | %s |%n",
            result.store(),
            format(l.median()),
            format(l.percentile(99)),
            format((long) l.mean()),
            result.article());
      }
    }
  }

  /** Microseconds below 10 ms, with a decimal below 100 µs; milliseconds above. */
  static String format(long nanos) {
    double micros = nanos / 1e3;
    if (micros < 100) {
      return String.format(Locale.ROOT, "%.1f µs", micros);
    }
    if (micros < 10_000) {
      return String.format(Locale.ROOT, "%.0f µs", micros);
    }
    return String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
  }

  private void step(String what, long start) {
    progress.printf(Locale.ROOT, "bench: %s in %.1f s%n", what, (System.nanoTime() - start) / 1e9);
  }

  static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
