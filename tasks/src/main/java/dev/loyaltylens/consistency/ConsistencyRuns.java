package dev.loyaltylens.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyaltylens.store.FeatureStore;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.List;

/** The store's {@code consistency_runs}: every run's report, newest last. */
public final class ConsistencyRuns {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConsistencyRuns() {}

  static void record(FeatureStore store, ConsistencyReport report) {
    store
        .handle()
        .createUpdate(
            "insert into consistency_runs (ran_at, since, until_at, lookups, unexplained, report)"
                + " values (:ranAt, :since, :until, :lookups, :unexplained, :report)")
        .bind("ranAt", Timestamp.from(report.ranAt()))
        .bind("since", Timestamp.from(report.since()))
        .bind("until", report.until() == null ? null : Timestamp.from(report.until()))
        .bind("lookups", report.lookups())
        .bind("unexplained", report.unexplained())
        .bind("report", report.json().toString())
        .execute();
  }

  /** The reports of every run, oldest first, as JSON. */
  public static List<JsonNode> all(FeatureStore store) {
    return store
        .handle()
        .createQuery("select report from consistency_runs order by ran_at")
        .mapTo(String.class)
        .stream()
        .map(ConsistencyRuns::parse)
        .toList();
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("a consistency report in the store is not JSON", e);
    }
  }
}
