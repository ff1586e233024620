package dev.loyaltylens.generation;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.store.DuckDbConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes synthetic customer events (SPEC sections 1 and 2) as Parquet files, deterministic for a
 * seed.
 */
public final class EventGenerator {

  /** Large runs are cut into files of this many rows, one progress line each. */
  static final long ROWS_PER_FILE = 5_000_000;

  private EventGenerator() {}

  /**
   * Writes the events as {@code part-NNNNN.parquet} files directly under {@code outDir} (readable
   * as {@code outDir/**}{@code /*.parquet}), replacing the parts of an earlier run, and reports a
   * line per file.
   */
  public static GenerationSummary generate(
      GeneratorSettings settings, Path outDir, Consumer<String> progress) {
    return generate(settings, outDir, progress, ROWS_PER_FILE);
  }

  static GenerationSummary generate(
      GeneratorSettings settings, Path outDir, Consumer<String> progress, long rowsPerFile) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(progress, "progress");
    long started = System.nanoTime();
    OutputFolder folder = OutputFolder.prepare(outDir);
    int fileCount = Math.toIntExact((settings.events() + rowsPerFile - 1) / rowsPerFile);
    try (Connection duckdb = DuckDbConnections.open("jdbc:duckdb:")) {
      EventQuery.configure(duckdb, folder.spillDirectory());
      for (int index = 0; index < fileCount; index++) {
        long from = index * rowsPerFile;
        long to = Math.min(settings.events(), from + rowsPerFile);
        EventQuery.write(duckdb, settings, from, to, folder.partial(index));
        progress.accept(progressLine(to, settings.events()));
      }
    } catch (SQLException e) {
      throw folder.abandon(
          new GenerationException(
              "generating events into --out "
                  + outDir
                  + " failed ("
                  + LoyaltyLensException.firstLine(e)
                  + "): check that the folder is writable and has room",
              e));
    } catch (RuntimeException e) {
      throw folder.abandon(e);
    }
    List<Path> files = folder.publish(fileCount);
    return new GenerationSummary(
        settings.events(),
        settings.customers(),
        files,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static String progressLine(long done, long total) {
    return String.format(
        Locale.ROOT, "generate: %,d / %,d events (%d%%)", done, total, done * 100 / total);
  }
}
