package dev.loyaltylens.engine.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code sql/} folders the tests run: the repository's own, and the same templates written with
 * the macro library (src/test/resources/portable-sql) beside the repository's {@code sql/macros}.
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

  /** A copy of the portable templates with the repository's macro library, in {@code into}. */
  static Path portable(Path into) throws IOException {
    copy(Path.of("src/test/resources/portable-sql").toAbsolutePath(), into);
    copy(repository().resolve("macros"), into.resolve("macros"));
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
