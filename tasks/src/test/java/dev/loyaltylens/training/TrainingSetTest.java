package dev.loyaltylens.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training sets on three versions published a week apart (T1, T2, T3), from one events folder that
 * holds events of every date, as a backfill reads it. Each label must get the version with the
 * latest as-of at or before its label_ts, and nothing computed from later events.
 *
 * <pre>
 *   ann  purchase 10.0 at T1 - 2 d; purchase 100.0 at T2 - 6 h; app_open at T3 - 1 d
 *        v(T1): monetary_90d 10.0, recency 2 d.  v(T2): monetary_90d 110.0
 *   ben  app_open at T1 - 1 d and at T3 - 2 d
 *   cat  one app_open at T1 - 179 d: inside v(T1)'s 180-day lookback, outside v(T2)'s and v(T3)'s
 * </pre>
 */
class TrainingSetTest {

  static final Instant T1 = Instant.parse("2026-11-10T00:00:00Z");
  static final Instant T2 = Instant.parse("2026-11-17T00:00:00Z");
  static final Instant T3 = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir static Path dir;
  static String home;
  static String v1;
  static String v2;
  static String v3;

  @BeforeAll
  static void publishThreeWeeklyVersions() throws Exception {
    Path events =
        new EventsFixture()
            .eventAt("ann", "purchase", T1.minus(Duration.ofDays(2)), 10.0, "web")
            .eventAt("ann", "purchase", T2.minus(Duration.ofHours(6)), 100.0, "web")
            .eventAt("ann", "app_open", T3.minus(Duration.ofDays(1)), null, "mobile")
            .eventAt("ben", "app_open", T1.minus(Duration.ofDays(1)), null, "mobile")
            .eventAt("ben", "app_open", T3.minus(Duration.ofDays(2)), null, "mobile")
            .eventAt("cat", "app_open", T1.minus(Duration.ofDays(179)), null, "in-store")
            .writeTo(dir.resolve("events"));
    home = dir.resolve("home").toString();
    v1 = publish(events, T1);
    v2 = publish(events, T2);
    v3 = publish(events, T3);
  }

  static String publish(Path events, Instant asOf) {
    Cli.Outcome computed =
        Cli.run(
            "compute", "--home", home, "--events", events.toString(), "--as-of", asOf.toString());
    assertThat(computed.exitCode()).as(computed.err()).isZero();
    String version = computed.lastLine();
    Cli.Outcome validated = Cli.run("validate", "--home", home, "--version", version);
    assertThat(validated.exitCode()).as(validated.err()).isZero();
    assertThat(Cli.run("publish", "--home", home, "--version", version).exitCode()).isZero();
    return version;
  }

  @Test
  void a_label_gets_the_version_before_it_not_a_later_one_that_saw_events_after_the_label()
      throws Exception {
    // ann's 100.0 purchase at T2 - 6 h comes after this label: v(T2) and the latest v(T3) both
    // include it
    Path labels =
        csv(
            "labels.csv",
            "customer_id,label_ts,churned",
            "ann," + T2.minus(Duration.ofHours(12)) + ",1");

    List<Map<String, Object>> rows = trainingSet(labels, "out.parquet");

    assertThat(rows)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("feature_version")).isEqualTo(v1);
              assertThat(row.get("monetary_90d")).isEqualTo(10.0);
              assertThat(row.get("recency_days")).isEqualTo(2);
            });
    assertThat(featureOf(v3, "ann", "monetary_90d"))
        .as("what a join on the latest version would leak")
        .isEqualTo(110.0);
  }

  @Test
  void a_labels_file_named_like_a_glob_is_read_as_that_file_only() throws Exception {
    csv("labels1.csv", "customer_id,label_ts", "ben," + T3);
    Path labels = csv("labels[1].csv", "customer_id,label_ts", "ann," + T3);

    assertThat(trainingSet(labels, "glob.parquet"))
        .singleElement()
        .satisfies(row -> assertThat(row.get("customer_id")).isEqualTo("ann"));
  }

  @Test
  void a_label_exactly_at_an_as_of_instant_uses_that_version() throws Exception {
    Path labels = csv("at-t2.csv", "customer_id,label_ts", "ann," + T2);

    List<Map<String, Object>> rows = trainingSet(labels, "at-t2.parquet");

    assertThat(rows)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("feature_version")).isEqualTo(v2);
              assertThat(row.get("monetary_90d"))
                  .isEqualTo(110.0); // the purchase at T2 - 6 h is before T2
            });
  }

  @Test
  void a_label_before_every_version_keeps_null_features_and_is_counted() throws Exception {
    Path labels =
        csv("early.csv", "customer_id,label_ts", "ann," + T1.minusSeconds(1), "ben," + T3);

    Cli.Outcome outcome =
        Cli.run(
            "training-set",
            "--home",
            home,
            "--labels",
            labels.toString(),
            "--out",
            dir.resolve("early.parquet").toString());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.err())
        .contains("1 row has features")
        .contains(
            "1 row has no published version at or before label_ts (the earliest as-of is "
                + T1
                + ")");
    List<Map<String, Object>> rows = read(dir.resolve("early.parquet"));
    assertThat(rows.get(0))
        .containsEntry("feature_version", null)
        .containsEntry("monetary_90d", null);
    assertThat(rows.get(1)).containsEntry("feature_version", v3);
  }

  @Test
  void a_customer_absent_from_the_chosen_version_gets_nulls_not_an_older_vector() throws Exception {
    // cat is in v(T1) only; at T2 + 1 h serving would have answered from v(T2), which does not know
    // cat
    Path labels = csv("cat.csv", "customer_id,label_ts", "cat," + T2.plus(Duration.ofHours(1)));

    Cli.Outcome outcome =
        Cli.run(
            "training-set",
            "--home",
            home,
            "--labels",
            labels.toString(),
            "--out",
            dir.resolve("cat.parquet").toString());

    assertThat(outcome.err())
        .contains("1 row names a customer absent from the chosen version: null features");
    assertThat(read(dir.resolve("cat.parquet")))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("feature_version")).isEqualTo(v2);
              assertThat(row.get("recency_days")).isNull();
            });
    assertThat(featureOf(v1, "cat", "recency_days")).isEqualTo(179);
  }

  @Test
  void the_label_columns_and_row_order_are_kept_from_parquet_to_csv() throws Exception {
    Path labels = dir.resolve("labels.parquet");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "copy (select * from (values (1.5, timestamp '2026-11-23 10:00:00', 'ben', 'z'),"
              + " (0.5, timestamp '2026-11-11 00:00:00', 'ann', 'y'), (2.5, timestamp '2026-11-20 00:00:00', 'ann', 'x'))"
              + " t(weight, label_ts, customer_id, note)) to '"
              + labels
              + "' (format parquet)");
    }
    Path out = dir.resolve("ordered.csv");

    Cli.Outcome outcome =
        Cli.run(
            "training-set", "--home", home, "--labels", labels.toString(), "--out", out.toString());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0))
        .isEqualTo(
            "weight,label_ts,customer_id,note,feature_version,recency_days,frequency_30d,monetary_90d,"
                + "offer_redemption_rate,channel_preference,engagement_score");
    assertThat(lines.subList(1, 4))
        .extracting(line -> String.join(",", List.of(line.split(",")).subList(0, 5)))
        .containsExactly(
            "1.5,2026-11-23 10:00:00,ben,z," + v2,
            "0.5,2026-11-11 00:00:00,ann,y," + v1,
            "2.5,2026-11-20 00:00:00,ann,x," + v2);
  }

  @Test
  void a_pinned_version_is_used_for_every_row_and_early_labels_are_flagged() throws Exception {
    Path labels =
        csv("pinned.csv", "customer_id,label_ts", "ann," + T1, "ann," + T3.plusSeconds(60));

    Cli.Outcome outcome =
        Cli.run(
            "training-set",
            "--home",
            home,
            "--labels",
            labels.toString(),
            "--out",
            dir.resolve("pinned.parquet").toString(),
            "--version",
            v3);

    assertThat(outcome.err())
        .contains("warning: 1 row has a label_ts before " + v3 + "'s as-of " + T3);
    assertThat(read(dir.resolve("pinned.parquet")))
        .extracting(row -> row.get("feature_version"))
        .containsExactly(v3, v3);
  }

  @Test
  void bad_labels_give_one_line_and_exit_one() throws Exception {
    String out = dir.resolve("bad.parquet").toString();
    Path noTs = csv("no-ts.csv", "customer_id,observed_at", "ann,2026-11-20");
    Path badTs = csv("bad-ts.csv", "customer_id,label_ts", "ann,2026-11-20", "ben,next tuesday");

    Cli.Outcome missing =
        Cli.run(
            "training-set",
            "--home",
            home,
            "--labels",
            dir.resolve("nope.csv").toString(),
            "--out",
            out);
    Cli.Outcome noColumn =
        Cli.run("training-set", "--home", home, "--labels", noTs.toString(), "--out", out);
    Cli.Outcome unparseable =
        Cli.run("training-set", "--home", home, "--labels", badTs.toString(), "--out", out);
    Path clashing = csv("clash.csv", "customer_id,label_ts,monetary_90d", "ann,2026-11-20,3.0");
    Cli.Outcome clash =
        Cli.run("training-set", "--home", home, "--labels", clashing.toString(), "--out", out);

    assertThat(List.of(missing, noColumn, unparseable, clash))
        .allSatisfy(
            outcome -> {
              assertThat(outcome.exitCode()).isEqualTo(1);
              assertThat(outcome.err().strip().lines()).hasSize(1);
            });
    assertThat(missing.err()).contains("nope.csv does not exist");
    assertThat(noColumn.err()).contains("has no column `label_ts`");
    assertThat(unparseable.err()).contains("row 2: label_ts `next tuesday` is not an instant");
    assertThat(clash.err()).contains("has a column `monetary_90d`, which the training set adds");
    assertThat(Path.of(out)).doesNotExist();
  }

  private static Path csv(String name, String header, String... rows) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(List.of(rows));
    return Files.write(dir.resolve(name), lines);
  }

  private static List<Map<String, Object>> trainingSet(Path labels, String out) throws Exception {
    Cli.Outcome outcome =
        Cli.run(
            "training-set",
            "--home",
            home,
            "--labels",
            labels.toString(),
            "--out",
            dir.resolve(out).toString());
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    return read(dir.resolve(out));
  }

  private static List<Map<String, Object>> read(Path parquet) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select * from read_parquet('" + parquet + "')")) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Object featureOf(String version, String customer, String feature)
      throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      PublishedSnapshots.attach(connection, new StoreHome(Path.of(home)), version, "snapshot");
      try (ResultSet rs =
          statement.executeQuery(
              "select "
                  + feature
                  + " from snapshot.features where customer_id = '"
                  + customer
                  + "'")) {
        return rs.next() ? rs.getObject(1) : null;
      }
    }
  }
}
