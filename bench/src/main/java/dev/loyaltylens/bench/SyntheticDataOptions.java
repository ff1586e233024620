package dev.loyaltylens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of a benchmark that writes its own synthetic snapshot: its seed and where it is kept.
 */
final class SyntheticDataOptions {

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the rows and of the ids (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--work",
      description =
          "Folder for the snapshot, kept afterwards (default: a temporary folder, deleted at the end).")
  Path work;

  /** The folder to write into: {@code --work}, or a new temporary one named from {@code prefix}. */
  Path folder(String prefix) throws IOException {
    return work != null ? work : Files.createTempDirectory(prefix);
  }

  /** Deletes {@code folder} if it is the temporary one {@link #folder} made. */
  void release(Path folder) throws IOException {
    if (work == null) {
      LookupsCommand.deleteTree(folder);
    }
  }
}
