package dev.loyaltylens.analyst;

import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.FileTrees;
import dev.loyaltylens.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of the repository's {@code sql/} and {@code migrations/} that a test may edit, as an
 * analyst would.
 */
final class ProjectCopy {

  static final String HEADER = "<#--\ndescription: %s\nowner: tests\nunit: things\ntype: %s\n-->\n";

  final Path root;

  private ProjectCopy(Path root) {
    this.root = root;
  }

  static ProjectCopy of(Path dir) throws IOException {
    FileTrees.copy(Project.sql(), dir.resolve("sql"));
    FileTrees.copy(Project.migrations(), dir.resolve("migrations"));
    return new ProjectCopy(dir);
  }

  Path sql() {
    return root.resolve("sql");
  }

  Path migrations() {
    return root.resolve("migrations");
  }

  /** Writes a file under the copy, such as {@code sql/features/x.sql.ftl}. */
  Path write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /** A feature template with a valid header, the given type and SQL body. */
  Path feature(String name, String type, String body) throws IOException {
    return write(
        "sql/features/" + name + ".sql.ftl", String.format(HEADER, "a test feature", type) + body);
  }

  /** Runs a command against this copy's templates and migrations. */
  Cli.Outcome run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--sql=" + sql());
    all.add("--migrations=" + migrations());
    return Cli.runRaw(all.toArray(String[]::new));
  }
}
