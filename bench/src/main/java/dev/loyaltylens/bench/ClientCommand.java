package dev.loyaltylens.bench;

import dev.loyaltylens.client.BatchResult;
import dev.loyaltylens.client.FeatureClient;
import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
import dev.loyaltylens.store.StoreHome;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench client}: what the Java client costs over raw HTTP against the same server. One at a
 * time: the client's {@code vector(id)} beside a raw kept-alive socket asking {@code GET
 * /features/{id}} and {@code POST /features/batch} with one id (the route the client uses), and the
 * JDK's own HTTP client posting that one id, which is what a job writing its own HTTP code would
 * get. Many: a list of ids scored with the client's {@code batch} beside raw sockets posting the
 * same parts at the same concurrency, answers unread.
 */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the Java client's overhead over raw HTTP: one-at-a-time latency, and a large list of ids scored in",
      "batches over many connections, against the API started in this process on a published snapshot."
    })
final class ClientCommand implements Callable<Integer> {

  @Option(
      names = "--rows",
      defaultValue = "1000000",
      description = "Customers in the snapshot (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(
      names = "--ids",
      defaultValue = "100000",
      description = "Ids scored by each batch run (default: ${DEFAULT-VALUE}).")
  int ids;

  @Option(
      names = "--batch",
      defaultValue = "1000",
      description = "Ids per call (default: ${DEFAULT-VALUE}, the service's bound).")
  int batch;

  @Option(
      names = "--connections",
      defaultValue = "32",
      description = "Calls under way at once (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--runs",
      defaultValue = "5",
      description =
          "Timed batch runs of each kind; the median is printed (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--lookups",
      defaultValue = "10000",
      description = "Timed one-at-a-time lookups of each kind (default: ${DEFAULT-VALUE}).")
  int lookups;

  @Option(
      names = "--warmup",
      defaultValue = "10000",
      description = "Untimed lookups of each kind first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Mixin SyntheticDataOptions synthetic;

  private final PrintStream out;
  private final PrintStream progress;

  ClientCommand() {
    this(System.out, System.err);
  }

  /** Prints the table on {@code out} and its progress on {@code progress}. */
  ClientCommand(PrintStream out, PrintStream progress) {
    this.out = out;
    this.progress = progress;
  }

  /** A row of the one-at-a-time table. */
  private record Single(String how, Latencies latencies) {}

  @Override
  public Integer call() throws Exception {
    if (rows < 1
        || ids < 1
        || lookups < 1
        || warmup < 0
        || runs < 1
        || connections < 1
        || batch < 1
        || batch > FeatureClient.SERVICE_BATCH_LIMIT) {
      throw new BenchException(
          "--rows, --ids, --lookups, --runs and --connections must be at least 1, --warmup at"
              + " least 0, and --batch 1 to "
              + FeatureClient.SERVICE_BATCH_LIMIT);
    }
    Path folder = synthetic.folder("loyaltylens-bench-client-");
    try {
      BenchData data = new BenchData(folder, rows, synthetic.seed);
      long start = System.nanoTime();
      data.writeDuckDb();
      progress.printf(
          Locale.ROOT,
          "bench: wrote %,d rows and their snapshot in %.1f s%n",
          rows,
          seconds(start));
      Random random = new Random(synthetic.seed);
      List<String> warm = sample(data, random, warmup);
      List<String> timed = sample(data, random, lookups);
      List<String> scored = sample(data, random, ids);
      StoreHome home = data.home();
      ServeSettings settings =
          new ServeSettings(
              home,
              "127.0.0.1",
              0,
              Math.max(ServeSettings.DEFAULT_THREADS, connections),
              Duration.ofSeconds(1),
              null);
      try (FeatureServer server = FeatureServer.start(settings)) {
        if (!server.awaitReady(Duration.ofMinutes(2))) {
          throw new BenchException("the API did not load " + home.root() + " within 2 minutes");
        }
        int port = server.port();
        try (FeatureClient client =
            FeatureClient.builder("http://127.0.0.1:" + port)
                .batchSize(batch)
                .connections(connections)
                .build()) {
          List<Single> singles = new ArrayList<>();
          try (RawHttpClient raw = new RawHttpClient(port)) {
            singles.add(
                single(
                    "raw HTTP, GET /features/{id}", warm, timed, id -> raw.get("/features/" + id)));
            singles.add(
                single(
                    "raw HTTP, POST /features/batch of 1",
                    warm,
                    timed,
                    id -> raw.post("/features/batch", body(List.of(id)))));
          }
          HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          URI batchUri = URI.create("http://127.0.0.1:" + port + "/features/batch");
          singles.add(
              single(
                  "JDK HttpClient, POST /features/batch of 1",
                  warm,
                  timed,
                  id -> jdkPost(jdk, batchUri, id)));
          singles.add(
              single(
                  "FeatureClient.vector(id)",
                  warm,
                  timed,
                  id -> client.vector(id).isPresent() ? 200 : 404));
          List<List<String>> parts = parts(scored);
          rawBatches(port, parts);
          client.batch(scored);
          long[] rawNanos = new long[runs];
          long[] clientNanos = new long[runs];
          for (int run = 0; run < runs; run++) {
            rawNanos[run] = rawBatches(port, parts);
            long begin = System.nanoTime();
            BatchResult result = client.batch(scored);
            clientNanos[run] = System.nanoTime() - begin;
            if (result.found().size() != scored.size()) {
              throw new BenchException(
                  "the client found " + result.found().size() + " of " + scored.size() + " ids");
            }
            progress.printf(
                Locale.ROOT,
                "bench: run %d: raw %.0f ms, client %.0f ms%n",
                run + 1,
                rawNanos[run] / 1e6,
                clientNanos[run] / 1e6);
          }
          print(singles, median(rawNanos), median(clientNanos));
        }
      }
      return 0;
    } finally {
      synthetic.release(folder);
    }
  }

  /** A lookup that answers the HTTP status. */
  @FunctionalInterface
  private interface Lookup {

    int status(String id) throws IOException;
  }

  private Single single(String how, List<String> warm, List<String> timed, Lookup lookup)
      throws Exception {
    Latencies latencies = Latencies.time(how, warm, timed, id -> lookup.status(id) == 200);
    progress.printf(
        Locale.ROOT,
        "bench: %s: median %s, p99 %s%n",
        how,
        LookupsCommand.format(latencies.median()),
        LookupsCommand.format(latencies.percentile(99)));
    return new Single(how, latencies);
  }

  /**
   * What a job writing its own HTTP code with the JDK's client would send: the answer is read, not
   * parsed.
   */
  private static int jdkPost(HttpClient jdk, URI uri, String id) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body(List.of(id))))
            .build();
    try {
      return jdk.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * Posts every part over {@code connections} raw sockets at once; the time until the last answer.
   */
  private long rawBatches(int port, List<List<String>> parts) throws Exception {
    List<byte[]> bodies = parts.stream().map(ClientCommand::body).toList();
    return ConcurrentHttp.run(
            port,
            connections,
            (socket, first) -> {
              long sent = 0;
              for (int i = first; i < bodies.size(); i += connections) {
                require(
                    "raw HTTP batch", "part " + i, socket.post("/features/batch", bodies.get(i)));
                sent++;
              }
              return sent;
            })
        .nanos();
  }

  private List<List<String>> parts(List<String> all) {
    List<List<String>> parts = new ArrayList<>();
    for (int from = 0; from < all.size(); from += batch) {
      parts.add(all.subList(from, Math.min(all.size(), from + batch)));
    }
    return parts;
  }

  private static byte[] body(List<String> ids) {
    return ids.stream()
        .map(id -> '"' + id + '"')
        .collect(Collectors.joining(",", "[", "]"))
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static void require(String how, String what, int status) {
    if (status != 200) {
      throw new BenchException(
          how + " answered " + status + " for " + what + ": the snapshot does not hold the ids");
    }
  }

  private void print(List<Single> singles, long rawNanos, long clientNanos) {
    out.printf(
        Locale.ROOT,
        "%,d customers; one at a time: %,d timed lookups after %,d warm-up ones; batches: %,d ids"
            + " in calls of %,d at %d connections, median of %d runs (seed %d)%n",
        rows,
        lookups,
        warmup,
        ids,
        batch,
        connections,
        runs,
        synthetic.seed);
    out.printf(
        Locale.ROOT,
        "machine: %d cores, %s %s, Java %s; client and server in one JVM%n%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"));
    out.println("| one at a time | median | p99 | mean |");
    out.println("|---|---:|---:|---:|");
    for (Single single : singles) {
      Latencies l = single.latencies();
      out.printf(
          "| %s | %s | %s | %s |%n",
          single.how(),
          LookupsCommand.format(l.median()),
          LookupsCommand.format(l.percentile(99)),
          LookupsCommand.format((long) l.mean()));
    }
    out.println();
    out.printf(Locale.ROOT, "| %,d ids | time | ids/s |%n", ids);
    out.println("|---|---:|---:|");
    out.printf(
        Locale.ROOT,
        "| raw HTTP, answers read but not parsed | %.0f ms | %,.0f |%n",
        rawNanos / 1e6,
        ids / (rawNanos / 1e9));
    out.printf(
        Locale.ROOT,
        "| FeatureClient.batch, typed vectors | %.0f ms | %,.0f |%n",
        clientNanos / 1e6,
        ids / (clientNanos / 1e9));
    out.printf(
        Locale.ROOT,
        "%nclient overhead: %+.0f ms for %,d ids (%+.1f µs an id)%n",
        (clientNanos - rawNanos) / 1e6,
        ids,
        (clientNanos - rawNanos) / 1e3 / ids);
  }

  private static List<String> sample(BenchData data, Random random, int count) {
    List<String> sample = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sample.add(data.id(random.nextLong(data.rows())));
    }
    return sample;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(sorted.length - 1) / 2];
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
