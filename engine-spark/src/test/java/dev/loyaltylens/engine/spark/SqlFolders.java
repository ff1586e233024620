package dev.loyaltylens.engine.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's {@code sql/} and {@code migrations/} folders, the one copy of the templates that
 * both engines run, and copies of it for tests that break a template on purpose.
 */
final class SqlFolders {

  private SqlFolders() {}

  /** The repository's sql/ folder. */
  static Path repository() {
    return Path.of(System.getProperty("loyaltylens.sql", "../sql")).toAbsolutePath().normalize();
  }

  static Path migrations() {
    return Path.of(System.getProperty("loyaltylens.migrations", "../migrations"))
        .toAbsolutePath()
        .normalize();
  }

  /** A copy of the repository's sql/ folder in {@code into}, for a test to change. */
  static Path copyOfRepository(Path into) throws IOException {
    copy(repository(), into);
    return into;
  }

  static void copy(Path from, Path into) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(from)) {
      paths = walk.sorted().toList();
    }
    for (Path path : paths) {
      Path target = into.resolve(from.relativize(path).toString());
      if (Files.isDirectory(path)) {
        Files.createDirectories(target);
      } else {
        Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
