package dev.loyaltylens.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Store homes on the host for the containers, which run as uid 10001 rather than as the test's
 * user.
 */
final class StoreHomes {

  private StoreHomes() {}

  static Path create() {
    try {
      Path home = Files.createTempDirectory("loyaltylens-home-");
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes what it may; files that the container's user owns can outlive a non-root test user. */
  static void deleteQuietly(Path home) {
    try (Stream<Path> walk = Files.walk(home)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("left " + home + " behind: " + e.getMessage());
    }
  }
}
