package dev.loyaltylens.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example scoring job: ids from a file, their vectors as CSV, through the client against the
 * real service.
 */
class ScoringJobTest {

  static final int CUSTOMERS = 25_000;

  @TempDir static Path home;
  @TempDir Path work;
  static FeatureServer server;
  static String url;

  @BeforeAll
  static void publishAndServe() throws Exception {
    Path published = home.resolve("published");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      PublishedSnapshots.write(
          connection,
          new StoreHome(home),
          "v1",
          "select 'c' || i as customer_id,"
              + " (i % 90)::integer as recency_days,"
              + " case when i % 50 = 7 then null else i * 0.5 end::double as monetary_90d,"
              + " ['mobile', 'web', 'in-store'][i % 3 + 1] as channel_preference"
              + " from range("
              + CUSTOMERS
              + ") t(i)");
    }
    Files.writeString(
        published.resolve("manifest.json"),
        """
        {"latest": "v1", "versions": [{"version": "v1", "as_of": "2026-11-24T00:00:00Z",
         "published_at": "2026-11-24T01:00:00Z", "row_count": %d, "snapshot": "v1.duckdb",
         "columns": [{"name": "recency_days", "type": "INTEGER"}, {"name": "monetary_90d", "type": "DOUBLE"},
                     {"name": "channel_preference", "type": "VARCHAR"}], "stats": {}}]}
        """
            .formatted(CUSTOMERS));
    server = FeatureServer.start(ServeSettings.local(home));
    assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
    url = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void writes_the_vector_of_every_known_id_as_csv_with_a_progress_line() throws Exception {
    List<String> ids = ids();
    Path idsFile = Files.write(work.resolve("ids.txt"), ids);
    Path out = work.resolve("vectors.csv");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        ScoringJob.run(
            new String[] {idsFile.toString(), out.toString()},
            Map.of("LOYALTYLENS_URL", url),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String progress = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(progress).isZero();
    List<String> lines = progress.lines().filter(line -> line.contains(" ids (")).toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .startsWith("score: 10,000 of 25,100 ids (39%), " + found(ids, 10_000) + " found, ");
    assertThat(lines.get(1))
        .startsWith("score: 20,000 of 25,100 ids (79%), " + found(ids, 20_000) + " found, ");
    assertThat(progress)
        .contains("score: 25,100 of 25,100 ids (100%), 25,000 found")
        .contains(
            "25,000 vectors of version v1 (as of 2026-11-24T00:00:00Z) written to "
                + out
                + "; 100 of the ids are not in it");
    List<String> rows = Files.readAllLines(out);
    assertThat(rows.get(0))
        .isEqualTo("customer_id,version,recency_days,monetary_90d,channel_preference");
    assertThat(rows).hasSize(CUSTOMERS + 1);
    List<String> written =
        rows.stream().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
    assertThat(written)
        .containsExactlyElementsOf(ids.stream().filter(id -> id.startsWith("c")).toList());
    assertThat(rows).contains("c7,v1,7,,web", "c8,v1,8,4.0,in-store");
  }

  @Test
  void runs_from_a_plain_java_classpath_without_the_server() throws Exception {
    Path idsFile = Files.write(work.resolve("ids.txt"), List.of("c1", "c2", "nobody"));
    Path out = work.resolve("vectors.csv");
    String classpath =
        String.join(
            File.pathSeparator,
            location(ScoringJob.class),
            location(JsonFactory.class),
            location(ObjectMapper.class),
            location(com.fasterxml.jackson.annotation.JsonProperty.class),
            location(CsvMapper.class));
    ProcessBuilder java =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            classpath,
            ScoringJob.class.getName(),
            idsFile.toString(),
            out.toString());
    java.environment().put("LOYALTYLENS_URL", url);
    java.redirectErrorStream(true);

    Process process = java.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(classpath).doesNotContain("loyaltylens-api").doesNotContain("spark-core");
    assertThat(Files.readAllLines(out))
        .containsExactly(
            "customer_id,version,recency_days,monetary_90d,channel_preference",
            "c1,v1,1,0.5,web",
            "c2,v1,2,1.0,in-store");
  }

  @Test
  void a_wrong_command_line_exits_2_and_a_missing_ids_file_1_with_one_line() {
    ByteArrayOutputStream usage = new ByteArrayOutputStream();
    ByteArrayOutputStream missing = new ByteArrayOutputStream();

    int usageCode =
        ScoringJob.run(
            new String[] {"ids.txt"},
            Map.of(),
            new PrintStream(usage, true, StandardCharsets.UTF_8));
    int missingCode =
        ScoringJob.run(
            new String[] {work.resolve("none.txt").toString(), "out.csv"},
            Map.of("LOYALTYLENS_URL", url),
            new PrintStream(missing, true, StandardCharsets.UTF_8));

    assertThat(usageCode).isEqualTo(2);
    assertThat(usage.toString(StandardCharsets.UTF_8).lines()).containsExactly(ScoringJob.USAGE);
    assertThat(missingCode).isEqualTo(1);
    assertThat(missing.toString(StandardCharsets.UTF_8).lines())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("error: cannot read customer ids from ")
        .contains("none.txt");
  }

  /** Every customer and 100 unknown ids, shuffled. */
  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      ids.add("c" + i);
    }
    for (int i = 0; i < 100; i++) {
      ids.add("unknown-" + i);
    }
    Collections.shuffle(ids, new Random(3));
    return ids;
  }

  private static String found(List<String> ids, int first) {
    return String.format(
        java.util.Locale.ROOT,
        "%,d",
        ids.subList(0, first).stream().filter(id -> id.startsWith("c")).count());
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
