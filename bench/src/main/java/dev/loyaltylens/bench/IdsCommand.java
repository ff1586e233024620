package dev.loyaltylens.bench;

import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.SqlLiteral;
import dev.loyaltylens.store.StoreHome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench ids}: a random sample of the latest published version's customer ids, for load
 * generators.
 */
@Command(
    name = "ids",
    mixinStandardHelpOptions = true,
    description =
        "Write a random sample of the customer ids of the latest published version, one per line,"
            + " for wrk's scripts under api/bench/.")
final class IdsCommand implements Callable<Integer> {

  @Option(
      names = "--home",
      required = true,
      description = "Folder of the store; only published/ is read.")
  Path home;

  @Option(names = "--out", required = true, description = "The file to write.")
  Path out;

  @Option(
      names = "--count",
      defaultValue = "200000",
      description = "Ids to sample (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the sample (default: ${DEFAULT-VALUE}).")
  int seed;

  @Override
  public Integer call() throws Exception {
    StoreHome store = new StoreHome(home);
    store.requireStore();
    PublishedVersion latest =
        PublishedManifest.read(store)
            .flatMap(PublishedManifest::latestVersion)
            .orElseThrow(() -> new BenchException("nothing is published in " + store.root()));
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      PublishedSnapshots.attach(connection, store, latest.version(), "snapshot");
      statement.execute(
          String.format(
              Locale.ROOT,
              "copy (select customer_id from snapshot.features using sample reservoir(%d rows) repeatable (%d))"
                  + " to %s (format csv, header false)",
              count,
              seed,
              SqlLiteral.of(out)));
    }
    System.err.printf(
        Locale.ROOT,
        "bench: %,d ids of %s written to %s%n",
        Math.min(count, latest.rowCount()),
        latest.version(),
        out);
    return 0;
  }
}
