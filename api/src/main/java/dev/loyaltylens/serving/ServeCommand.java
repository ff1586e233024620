package dev.loyaltylens.serving;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.serving.lookups.LookupLogSettings;
import dev.loyaltylens.serving.memory.HeapBudget;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.UnreadableManifestException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the HTTP API over a store home's published versions, until the process is stopped.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    version = "loyaltylens 0.1.0",
    description = {
      "Serve the published feature vectors over HTTP: the latest from memory, older versions from their snapshots.",
      "With --online, every answer comes from the online store instead, and the process holds no vectors.",
      "Every route but /health requires the header X-API-Key when $"
          + ServeSettings.API_KEY_ENV
          + " is set."
    })
final class ServeCommand implements Callable<Integer> {

  private static final long SHUTDOWN_GRACE_MILLIS = 5_000;

  @Option(
      names = "--home",
      defaultValue = "${env:LOYALTYLENS_HOME:-data}",
      description =
          "Folder of the store; only its published/ folder is read (default: $LOYALTYLENS_HOME or ./data).")
  Path home;

  @Option(
      names = "--port",
      defaultValue = "${env:LOYALTYLENS_PORT:-8080}",
      description = "TCP port, 0 for any free one (default: $LOYALTYLENS_PORT or 8080).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(
      names = "--threads",
      defaultValue = "" + ServeSettings.DEFAULT_THREADS,
      description = "Requests answered at once (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--poll-ms",
      defaultValue = "1000",
      description =
          "How often, in milliseconds, the published manifest (or the online store's pointer) is checked"
              + " for a new version (default: ${DEFAULT-VALUE}).")
  long pollMillis;

  @Option(
      names = "--log-sample",
      defaultValue = "0",
      paramLabel = "RATE",
      description =
          "Share of customers, chosen by a hash of the id, whose answered lookups are kept in HOME/lookups/"
              + " as Parquet for `consistency`: 0 (none, the default) to 1, such as 0.01.")
  double logSample;

  @Option(
      names = "--log-max-mb",
      defaultValue = "256",
      description =
          "The most the lookup log's files take together; the oldest go first (default: ${DEFAULT-VALUE}).")
  long logMaxMegabytes;

  @Option(
      names = "--online",
      defaultValue = "${env:" + ServeSettings.ONLINE_ENV + "}",
      description =
          "Answer from this online store, holding no vectors here: redis://HOST:PORT for one Redis server,"
              + " HOST:PORT,HOST:PORT,... for a Redis Cluster; --home is then not read (default: $"
              + ServeSettings.ONLINE_ENV
              + ", else the in-memory index of --home).")
  String online;

  @Spec CommandSpec spec;

  @Option(
      names = "--print-heap",
      description =
          "Print the heap (-Xmx) the latest published version needs to be served (with --online, the"
              + " default: no vector is held), then exit: the launcher starts serve with it unless $"
              + HeapBudget.HEAP_ENV
              + " is set.")
  boolean printHeap;

  @Override
  public Integer call() throws InterruptedException {
    if (printHeap) {
      // Nothing published, a manifest that cannot be read, or no index to hold: the smallest heap
      // the launcher gives.
      Optional<PublishedVersion> latest;
      try {
        latest =
            online != null && !online.isBlank()
                ? Optional.empty()
                : PublishedManifest.read(new StoreHome(home))
                    .flatMap(PublishedManifest::latestVersion);
      } catch (UnreadableManifestException e) {
        latest = Optional.empty();
      }
      spec.commandLine()
          .getOut()
          .println(latest.map(HeapBudget::heapFor).orElse(HeapBudget.DEFAULT_HEAP));
      return ExitCodes.OK;
    }
    ServeSettings settings =
        new ServeSettings(
            new StoreHome(home),
            host,
            port,
            threads,
            Duration.ofMillis(pollMillis),
            System.getenv(ServeSettings.API_KEY_ENV),
            online,
            LookupLogSettings.sample(logSample, logMaxMegabytes));
    // a mistyped --home would otherwise wait for ever for a first version to serve; a replica has
    // no home to check
    if (settings.online() == null) {
      settings.home().requireStore();
    }
    FeatureServer server = FeatureServer.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Jetty's stop can fail while the JVM exits, and SparkJava answers that with
                  // System.exit, which blocks
                  // for ever inside a shutdown hook: give stopping a few seconds, then let the JVM
                  // end regardless.
                  Thread closing = new Thread(server::close, "serve-close");
                  closing.setDaemon(true);
                  closing.start();
                  try {
                    closing.join(SHUTDOWN_GRACE_MILLIS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  stopped.countDown();
                },
                "serve-shutdown"));
    System.err.printf(
        "serve: listening on http://%s:%d for %s%s%s%n",
        host,
        server.port(),
        settings.online() == null
            ? settings.home().root()
            : "the online store " + settings.online(),
        settings.apiKey() == null ? "" : " (API key required)",
        logSample > 0 ? ", logging the lookups of " + logSample * 100 + "% of customers" : "");
    stopped.await();
    return ExitCodes.OK;
  }
}
