package dev.loyaltylens.definitions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SQL an engine speaks, as far as templates see it: {@code sql/macros/NAME.ftl} implements the
 * macro library for it, one macro per concept where the engines differ, and every template reaches
 * those macros as {@code <@sql.NAME .../>}. Rendering picks the library of the engine that will run
 * the SQL.
 *
 * @param name the engine's name, which is also the library's file name
 */
public record SqlDialect(String name) {

  /** DuckDB, the embedded default and the reference the others are compared with. */
  public static final SqlDialect DUCKDB = new SqlDialect("duckdb");

  /** The namespace the library is imported as in every template. */
  public static final String NAMESPACE = "sql";

  static final String LIBRARY_FOLDER = "macros";

  public SqlDialect {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new DefinitionException(
          "`" + name + "` is not a dialect name: use lower case letters, digits and _");
    }
  }

  /** The library's template name, relative to {@code sql/}. */
  public String library() {
    return LIBRARY_FOLDER + "/" + name + ".ftl";
  }

  /**
   * Every dialect whose library a {@code sql/} folder holds, by name; none when it has no macro
   * library.
   */
  public static List<SqlDialect> all(Path sqlDir) {
    Path folder = sqlDir.resolve(LIBRARY_FOLDER);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(file -> file.matches("[a-z][a-z0-9_]*\\.ftl"))
          .sorted()
          .map(file -> new SqlDialect(file.substring(0, file.length() - ".ftl".length())))
          .toList();
    } catch (IOException e) {
      throw new DefinitionException("could not list " + folder + ": " + e.getMessage(), e);
    }
  }
}
