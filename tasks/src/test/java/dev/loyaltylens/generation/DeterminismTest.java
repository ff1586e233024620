package dev.loyaltylens.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed and settings give the same rows and the same bytes; another seed gives other rows.
 */
class DeterminismTest {

  private static final Instant AS_OF = Instant.parse("2026-04-28T00:00:00Z");
  private static final GeneratorSettings SETTINGS =
      new GeneratorSettings(120_000, 10_000, 180, 7, AS_OF);

  @TempDir Path dir;

  @Test
  void same_seed_and_settings_give_identical_rows_and_files() throws Exception {
    GenerationSummary first = EventGenerator.generate(SETTINGS, dir.resolve("first"), line -> {});
    GenerationSummary second = EventGenerator.generate(SETTINGS, dir.resolve("second"), line -> {});

    assertThat(first.files()).hasSize(1);
    assertThat(Files.readAllBytes(second.files().get(0)))
        .isEqualTo(Files.readAllBytes(first.files().get(0)));
    assertThat(orderedRows(dir.resolve("second"))).isEqualTo(orderedRows(dir.resolve("first")));
  }

  @Test
  void another_seed_gives_other_rows() throws Exception {
    EventGenerator.generate(SETTINGS, dir.resolve("seed-7"), line -> {});
    GeneratorSettings otherSeed = new GeneratorSettings(120_000, 10_000, 180, 8, AS_OF);
    EventGenerator.generate(otherSeed, dir.resolve("seed-8"), line -> {});

    try (GeneratedEvents events = new GeneratedEvents(dir)) {
      assertThat(events.count("select count(distinct event_id) from events")).isEqualTo(240_000);
      assertThat(events.count("select count(distinct customer_id) from events"))
          .isGreaterThan(19_000);
      // row by row, the times differ as well as the ids
      assertThat(
              events.count(
                  "select count(*)"
                      + " from read_parquet('"
                      + dir.resolve("seed-7")
                      + "/*.parquet', file_row_number = true) a"
                      + " join read_parquet('"
                      + dir.resolve("seed-8")
                      + "/*.parquet', file_row_number = true) b"
                      + " using (file_row_number) where a.event_ts = b.event_ts"))
          .isLessThan(10);
    }
  }

  @Test
  void rows_do_not_depend_on_how_they_are_split_into_files() throws Exception {
    List<String> progress = new ArrayList<>();
    GenerationSummary split =
        EventGenerator.generate(SETTINGS, dir.resolve("split"), progress::add, 50_000);
    EventGenerator.generate(SETTINGS, dir.resolve("whole"), line -> {});

    assertThat(split.files())
        .extracting(file -> file.getFileName().toString())
        .containsExactly("part-00000.parquet", "part-00001.parquet", "part-00002.parquet");
    assertThat(progress)
        .containsExactly(
            "generate: 50,000 / 120,000 events (41%)",
            "generate: 100,000 / 120,000 events (83%)",
            "generate: 120,000 / 120,000 events (100%)");
    assertThat(orderedRows(dir.resolve("split"))).isEqualTo(orderedRows(dir.resolve("whole")));
  }

  /** A digest of every row, in event_id order, with the amount written out exactly. */
  private static List<String> orderedRows(Path folder) throws SQLException {
    try (GeneratedEvents events = new GeneratedEvents(folder)) {
      return events.rows(
          "select count(*), md5(string_agg(concat_ws('|', event_id, customer_id, event_type, event_ts,"
              + " amount::decimal(18, 2), channel), chr(10) order by event_id)) from events");
    }
  }
}
