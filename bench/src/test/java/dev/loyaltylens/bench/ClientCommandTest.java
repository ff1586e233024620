package dev.loyaltylens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The client benchmark end to end on a small snapshot. */
class ClientCommandTest {

  @TempDir Path work;

  @Test
  void prints_the_client_beside_raw_http_one_at_a_time_and_in_batches() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        new CommandLine(new ClientCommand(new PrintStream(out, true), new PrintStream(err, true)))
            .execute(
                "--rows",
                "3000",
                "--ids",
                "2500",
                "--batch",
                "100",
                "--connections",
                "4",
                "--runs",
                "2",
                "--lookups",
                "200",
                "--warmup",
                "100",
                "--work",
                work.toString());

    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(0);
    assertThat(table)
        .contains(
            "3,000 customers; one at a time: 200 timed lookups after 100 warm-up ones;"
                + " batches: 2,500 ids in calls of 100 at 4 connections, median of 2 runs");
    assertThat(table).containsPattern("\\| raw HTTP, GET /features/\\{id} \\| [0-9.]+ (µs|ms) \\|");
    assertThat(table)
        .containsPattern("\\| raw HTTP, POST /features/batch of 1 \\| [0-9.]+ (µs|ms) \\|");
    assertThat(table)
        .containsPattern("\\| JDK HttpClient, POST /features/batch of 1 \\| [0-9.]+ (µs|ms) \\|");
    assertThat(table).containsPattern("\\| FeatureClient.vector\\(id\\) \\| [0-9.]+ (µs|ms) \\|");
    assertThat(table)
        .containsPattern("\\| raw HTTP, answers read but not parsed \\| \\d+ ms \\| [0-9,]+ \\|");
    assertThat(table)
        .containsPattern("\\| FeatureClient.batch, typed vectors \\| \\d+ ms \\| [0-9,]+ \\|");
    assertThat(table).containsPattern("client overhead: [+-]\\d+ ms for 2,500 ids");
  }
}
