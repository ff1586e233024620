package dev.loyaltylens.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStatistics;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a feature is data, not code: in a copy of {@code sql/} and {@code migrations/}, a new
 * template, the migration that lint asks for and a fixture are enough for the feature to be linted,
 * tested, computed, validated, published and served by the API.
 */
class AddingAFeatureTest {

  static final String TEMPLATE =
      """
      <#--
      description: Number of purchases in the 90 days before the as-of instant (event_ts >= as_of - 90 days).
      grain: one row per customer
      unit: purchases
      owner: growth-analytics
      type: INTEGER
      depends_on: clean_events
      checks:
        - not_null
        - range: [0, 100000]
      params:
        purchase_window_days: 90
      -->
      with lookback_events as (
          select customer_id, event_type, event_ts
          from clean_events
          where event_ts >= cast(:as_of as timestamp) - <@sql.days ":lookback_days"/>
            and event_ts < cast(:as_of as timestamp)
      ),

      final as (
          select
              customer_id,
              cast(count(*) filter (
                  where event_type = 'purchase'
                    and event_ts >= cast(:as_of as timestamp) - <@sql.days ":purchase_window_days"/>
              ) as integer) as purchases_90d
          from lookback_events
          group by customer_id
      )

      select * from final
      """;

  static final String FIXTURE =
      """
      # purchases_90d: purchases with event_ts >= as_of - 90 days; 0 for a customer without any.
      as_of: 2026-11-24T00:00:00Z

      events:
      | customer_id | event_type | event_ts | amount | channel |
      | ann         | purchase   | T-1d     | 10.0   | web     |
      | ann         | purchase   | T-90d    | 5.0    | web     |  # exactly as_of - 90 days: counts
      | ann         | purchase   | T-90d1s  | 7.0    | web     |  # one second earlier: does not
      | ann         | purchase   | T        | 9.0    | web     |  # at as_of: never used
      | ben         | app_open   | T-3d     |        | mobile  |  # no purchase: 0

      expect:
      | customer_id | purchases_90d |
      | ann         | 2             |
      | ben         | 0             |
      """;

  @TempDir static Path dir;
  static ProjectCopy copy;
  static Cli.Outcome lintWithoutMigration;
  static String migration;
  static Cli.Outcome lint;
  static Cli.Outcome test;
  static Cli.Outcome pipeline;
  static Path home;

  @BeforeAll
  static void addTheFeatureThenRunThePipeline() throws Exception {
    copy = ProjectCopy.of(dir.resolve("project"));
    copy.write("sql/features/purchases_90d.sql.ftl", TEMPLATE);
    copy.write("sql/features/purchases_90d.test.txt", FIXTURE);
    lintWithoutMigration = copy.run("lint");
    Matcher asked =
        Pattern.compile("add migrations/(V\\d+__add_purchases_90d\\.sql) containing `([^`]+)`")
            .matcher(lintWithoutMigration.out());
    assertThat(asked.find()).as(lintWithoutMigration.out()).isTrue();
    migration = asked.group(1);
    copy.write(
        "migrations/" + migration,
        "-- purchases_90d: see sql/features/purchases_90d.sql.ftl\n" + asked.group(2) + "\n");
    lint = copy.run("lint");
    test = copy.run("test", "purchases_90d");
    home = dir.resolve("home");
    pipeline =
        copy.run(
            "pipeline",
            "--home",
            home.toString(),
            "--as-of",
            EventsFixture.T.toString(),
            "--events",
            "3000",
            "--customers",
            "300",
            "--memory-limit",
            "1GB");
  }

  @Test
  void lint_names_the_migration_to_add_then_passes_once_it_is_there() {
    assertThat(lintWithoutMigration.exitCode()).isEqualTo(1);
    assertThat(migration).matches("V\\d+__add_purchases_90d\\.sql");
    assertThat(lint.exitCode()).as(lint.out()).isZero();
  }

  @Test
  void the_fixture_of_the_new_feature_passes() {
    assertThat(test.exitCode()).as(test.out()).isZero();
    assertThat(test.out())
        .contains("PASS sql/features/purchases_90d.test.txt (2 customers, 1 column)");
  }

  @Test
  void the_pipeline_computes_validates_and_publishes_the_new_column() {
    assertThat(pipeline.exitCode()).as(pipeline.err()).isZero();
    assertThat(pipeline.err())
        .contains("validate: ok   purchases_90d")
        .contains("range: [0, 100000]");
    PublishedVersion latest =
        PublishedManifest.read(new StoreHome(home))
            .flatMap(PublishedManifest::latestVersion)
            .orElseThrow();
    assertThat(latest.version()).isEqualTo(pipeline.lastLine());
    assertThat(latest.columns()).contains(new FeatureColumn("purchases_90d", "INTEGER"));
    FeatureStatistics purchases = latest.statistics().feature("purchases_90d").orElseThrow();
    assertThat(purchases.nullRate()).isZero();
    assertThat(purchases.distribution().max()).isPositive();
  }

  @Test
  void the_api_serves_the_new_feature() throws Exception {
    Map.Entry<String, Integer> customer = customerWithPurchases();
    try (FeatureServer api = FeatureServer.start(ServeSettings.local(home))) {
      assertThat(api.awaitReady(Duration.ofSeconds(60)))
          .as("the API loaded the published version")
          .isTrue();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      URI base = URI.create("http://127.0.0.1:" + api.port());

      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(base.resolve("/features/" + customer.getKey()))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode body = new ObjectMapper().readTree(response.body());
      assertThat(body.findValue("purchases_90d")).as(response.body()).isNotNull();
      assertThat(body.findValue("purchases_90d").asInt()).isEqualTo(customer.getValue());
      assertThat(response.body()).contains(pipeline.lastLine());
    }
  }

  private static Map.Entry<String, Integer> customerWithPurchases() {
    try (FeatureStore store =
        FeatureStore.open(new StoreHome(home), copy.migrations(), new EngineSettings("512MB", 1))) {
      return store
          .handle()
          .createQuery(
              "select customer_id, purchases_90d from features where version = :v"
                  + " order by purchases_90d desc, customer_id limit 1")
          .bind("v", pipeline.lastLine())
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
          .one();
    }
  }
}
