package dev.loyaltylens.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the Parquet files go: created on demand, replaced by a rerun, never mixed with foreign
 * files.
 */
class OutputFolderTest {

  private static final GeneratorSettings SMALL =
      new GeneratorSettings(30_000, 1_000, 30, 42, Instant.parse("2026-04-28T00:00:00Z"));

  @TempDir Path dir;

  @Test
  void creates_the_folder_and_leaves_only_the_parquet_parts() throws IOException {
    Path out = dir.resolve("a/b/events");

    GenerationSummary summary = EventGenerator.generate(SMALL, out, line -> {});

    assertThat(summary.events()).isEqualTo(30_000);
    assertThat(summary.customers()).isEqualTo(1_000);
    assertThat(summary.files()).containsExactly(out.resolve("part-00000.parquet"));
    assertThat(summary.took()).isPositive();
    assertThat(names(out)).containsExactly("part-00000.parquet");
  }

  @Test
  void a_rerun_replaces_the_parts_of_the_previous_run() throws IOException {
    EventGenerator.generate(SMALL, dir, line -> {}, 10_000);
    assertThat(names(dir)).hasSize(3);

    EventGenerator.generate(SMALL, dir, line -> {});

    assertThat(names(dir)).containsExactly("part-00000.parquet");
  }

  @Test
  void rejects_an_output_path_that_is_a_file() throws IOException {
    Path file = Files.writeString(dir.resolve("events.txt"), "not a folder");

    assertThatThrownBy(() -> EventGenerator.generate(SMALL, file, line -> {}))
        .isInstanceOf(GenerationException.class)
        .hasMessage("--out " + file + " is a file: pass a folder to write the Parquet files to");
  }

  @Test
  void refuses_a_folder_holding_parquet_files_it_did_not_write() throws IOException {
    Files.createDirectories(dir.resolve("2025"));
    Files.writeString(dir.resolve("2025/mine.parquet"), "");

    assertThatThrownBy(() -> EventGenerator.generate(SMALL, dir, line -> {}))
        .isInstanceOf(GenerationException.class)
        .hasMessageStartingWith("--out " + dir + " already holds 2025/mine.parquet");
    assertThat(names(dir)).containsExactly("2025");
  }

  @Test
  void a_failing_run_leaves_the_previous_parts_and_no_partial_file() throws IOException {
    EventGenerator.generate(SMALL, dir, line -> {});
    byte[] before = Files.readAllBytes(dir.resolve("part-00000.parquet"));

    assertThatThrownBy(
            () ->
                EventGenerator.generate(
                    SMALL,
                    dir,
                    line -> {
                      throw new IllegalStateException("interrupted");
                    },
                    10_000))
        .hasMessage("interrupted");

    assertThat(names(dir)).containsExactly("part-00000.parquet");
    assertThat(Files.readAllBytes(dir.resolve("part-00000.parquet"))).isEqualTo(before);
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
