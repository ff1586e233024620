package dev.loyaltylens.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder the events go to. Files are written as {@code part-NNNNN.parquet.partial}, which no
 * {@code *.parquet} glob reads, and renamed only once all of them are complete; a rerun replaces
 * the parts of the previous run, so the folder never mixes two runs.
 */
final class OutputFolder {

  private static final Pattern PART = Pattern.compile("part-\\d{5}\\.parquet");
  private static final String PARTIAL = ".partial";

  private final Path dir;

  private OutputFolder(Path dir) {
    this.dir = dir;
  }

  /** Checks the folder, creates it when missing and clears what an interrupted run left behind. */
  static OutputFolder prepare(Path dir) {
    if (dir == null) {
      throw new GenerationException(
          "--out is missing: pass the folder to write the Parquet files to");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new GenerationException(
          "--out " + dir + " is a file: pass a folder to write the Parquet files to");
    }
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new GenerationException(
          "--out " + dir + " is a file: pass a folder to write the Parquet files to", e);
    } catch (IOException e) {
      throw new GenerationException(
          "--out " + dir + " cannot be created (" + e + "): pass a writable folder", e);
    }
    OutputFolder folder = new OutputFolder(dir);
    folder.refuseForeignParquet();
    folder.discard();
    return folder;
  }

  Path partial(int index) {
    return dir.resolve(name(index) + PARTIAL);
  }

  Path spillDirectory() {
    return dir.resolve(".generate-spill");
  }

  /** Replaces the previous run's parts with the {@code count} partial files just written. */
  List<Path> publish(int count) {
    try {
      for (Path stale : list(f -> PART.matcher(f).matches())) {
        Files.delete(stale);
      }
      List<Path> files = new ArrayList<>();
      for (int index = 0; index < count; index++) {
        Path file = dir.resolve(name(index));
        Files.move(partial(index), file, StandardCopyOption.ATOMIC_MOVE);
        files.add(file);
      }
      deleteSpill();
      return files;
    } catch (IOException | UncheckedIOException e) {
      throw new GenerationException(
          "could not publish the Parquet files in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Cleans up after a failed run and returns its failure, with any clean-up failure attached. */
  <T extends RuntimeException> T abandon(T failure) {
    try {
      discard();
    } catch (GenerationException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }

  /** Removes partial files and spilled data; the parts of an earlier complete run stay. */
  private void discard() {
    try {
      for (Path partial : list(f -> f.endsWith(PARTIAL))) {
        Files.delete(partial);
      }
      deleteSpill();
    } catch (IOException | UncheckedIOException e) {
      throw new GenerationException("could not clean up " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Readers take every {@code DIR/**}{@code /*.parquet}: other files there would silently join the
   * events.
   */
  private void refuseForeignParquet() {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .filter(
              f ->
                  !f.getParent().equals(dir) || !PART.matcher(f.getFileName().toString()).matches())
          .findFirst()
          .ifPresent(
              foreign -> {
                throw new GenerationException(
                    "--out "
                        + dir
                        + " already holds "
                        + dir.relativize(foreign)
                        + ", which generate did not write: pass an empty folder or remove that file");
              });
    } catch (IOException | UncheckedIOException e) {
      throw new GenerationException("could not list --out " + dir + ": " + e.getMessage(), e);
    }
  }

  private List<Path> list(java.util.function.Predicate<String> name) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> name.test(f.getFileName().toString())).sorted().toList();
    }
  }

  private void deleteSpill() throws IOException {
    Path spill = spillDirectory();
    if (Files.exists(spill)) {
      try (Stream<Path> walk = Files.walk(spill)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private static String name(int index) {
    return String.format(Locale.ROOT, "part-%05d.parquet", index);
  }
}
