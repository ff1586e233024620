package dev.loyaltylens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Parquet files of a benchmark's events folder, as a DuckDB list literal of their paths. */
final class EventsFolder {

  private EventsFolder() {}

  /** {@code ['/a/part-0.parquet', ...]}: every {@code .parquet} file under {@code dir}, sorted. */
  static String filesLiteral(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> files =
          walk.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().endsWith(".parquet"))
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new BenchException(
            "events folder " + dir + " holds no .parquet file: run `generate` first");
      }
      StringBuilder literal = new StringBuilder("[");
      for (Path file : files) {
        String path = file.toAbsolutePath().toString();
        if (path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '\'')) {
          throw new BenchException(
              "events file " + path + " has a glob character or a quote in its path: rename it");
        }
        literal.append(literal.length() == 1 ? "" : ", ").append('\'').append(path).append('\'');
      }
      return literal.append(']').toString();
    } catch (IOException e) {
      throw new BenchException(
          "could not list the events folder " + dir + ": " + e.getMessage(), e);
    }
  }
}
