package dev.loyaltylens.definitions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every template under {@code sql/}, in an order where each comes after the relations it reads. The
 * set of features is the set of files in {@code sql/features/}: nothing about them is written in
 * Java.
 */
public final class DefinitionSet {

  public static final String SUFFIX = ".sql.ftl";

  private final Path sqlDir;
  private final List<Definition> ordered;

  private DefinitionSet(Path sqlDir, List<Definition> ordered) {
    this.sqlDir = sqlDir;
    this.ordered = List.copyOf(ordered);
  }

  /**
   * Reads and orders the templates of a {@code sql/} folder, failing on the first problem in a file
   * name, a header or the order ({@code loyaltylens lint} lists them all).
   */
  public static DefinitionSet load(Path sqlDir) {
    Inspection inspection = inspect(sqlDir);
    List<TemplateProblem> problems = inspection.problems();
    if (!problems.isEmpty()) {
      throw new DefinitionException(
          problems.get(0)
              + (problems.size() > 1
                  ? " (and " + (problems.size() - 1) + " more problems: run `loyaltylens lint`)"
                  : ""));
    }
    return inspection.definitions();
  }

  /**
   * The templates of a folder and every problem found reading them, for {@code lint}. A template
   * with a header problem is still in the set when its header could be read; one whose order cannot
   * be settled (a cycle, a missing dependency) is left out, and so are the templates that read it.
   */
  public record Inspection(DefinitionSet definitions, List<TemplateProblem> problems) {

    public Inspection {
      problems = List.copyOf(problems);
    }
  }

  /** Reads the templates of a folder, collecting the problems instead of failing on the first. */
  public static Inspection inspect(Path sqlDir) {
    if (!Files.isDirectory(sqlDir.resolve("features"))) {
      throw new DefinitionException(
          "no feature templates: "
              + sqlDir.resolve("features")
              + " does not exist (set LOYALTYLENS_SQL or --sql)");
    }
    List<TemplateProblem> problems = new ArrayList<>();
    Map<String, Definition> byName = new LinkedHashMap<>();
    for (Definition.Kind kind : Definition.Kind.values()) {
      String folder = kind == Definition.Kind.STAGING ? "staging" : "features";
      for (Path file : templatesIn(sqlDir.resolve(folder))) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        String templateName = folder + "/" + fileName;
        String display = "sql/" + templateName;
        if (!name.matches("[a-z][a-z0-9_]*")) {
          problems.add(
              new TemplateProblem(
                  display,
                  1,
                  1,
                  "`" + name + "` is not a valid name: use lower case letters, digits and _"));
          continue;
        }
        TemplateHeader header = HeaderParser.parse(display, read(file), kind, problems);
        if (header == null) {
          continue;
        }
        Definition definition = new Definition(name, kind, templateName, file, header);
        Definition previous = byName.putIfAbsent(name, definition);
        if (previous != null) {
          problems.add(
              new TemplateProblem(
                  display,
                  1,
                  1,
                  "`"
                      + name
                      + "` is also defined by "
                      + previous.displayPath()
                      + ": a name is one relation"));
        }
      }
    }
    List<Definition> ordered = topologicalOrder(byName, problems);
    return new Inspection(new DefinitionSet(sqlDir, ordered), problems);
  }

  public Path sqlDir() {
    return sqlDir;
  }

  /** Every definition, each after the ones it depends on. */
  public List<Definition> ordered() {
    return ordered;
  }

  /** The features, each after the features it depends on. */
  public List<Definition> features() {
    return ordered.stream().filter(Definition::isFeature).toList();
  }

  public Optional<Definition> find(String name) {
    return ordered.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public Definition require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new DefinitionException(
                    "no template named `"
                        + name
                        + "`: expected sql/features/"
                        + name
                        + SUFFIX
                        + " (known: "
                        + String.join(", ", ordered.stream().map(Definition::name).toList())
                        + ")"));
  }

  /** The definition and everything it reads, directly or not, in dependency order. */
  public List<Definition> closure(Definition target) {
    Set<String> needed = new HashSet<>();
    collect(target, needed);
    return ordered.stream().filter(d -> needed.contains(d.name())).toList();
  }

  private void collect(Definition definition, Set<String> needed) {
    if (needed.add(definition.name())) {
      for (String dependency : definition.header().dependsOn()) {
        collect(require(dependency), needed);
      }
    }
  }

  private static List<Definition> topologicalOrder(
      Map<String, Definition> byName, List<TemplateProblem> problems) {
    List<Definition> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> broken = new HashSet<>();
    for (Definition definition : byName.values()) {
      visit(definition, byName, done, broken, new ArrayList<>(), ordered, problems);
    }
    return ordered;
  }

  /**
   * Returns whether the definition could be ordered; a broken one is reported once and left out.
   */
  private static boolean visit(
      Definition definition,
      Map<String, Definition> byName,
      Set<String> done,
      Set<String> broken,
      List<String> path,
      List<Definition> ordered,
      List<TemplateProblem> problems) {
    if (done.contains(definition.name())) {
      return true;
    }
    if (broken.contains(definition.name())) {
      return false;
    }
    int line = definition.header().lineOf("depends_on");
    if (path.contains(definition.name())) {
      List<String> cycle =
          new ArrayList<>(path.subList(path.indexOf(definition.name()), path.size()));
      cycle.add(definition.name());
      problems.add(
          new TemplateProblem(
              definition.displayPath(),
              line,
              1,
              "depends_on forms a cycle: " + String.join(" -> ", cycle)));
      broken.addAll(cycle);
      return false;
    }
    path.add(definition.name());
    boolean ok = true;
    for (String dependency : definition.header().dependsOn()) {
      Definition upstream = byName.get(dependency);
      if (upstream == null) {
        problems.add(
            new TemplateProblem(
                definition.displayPath(),
                line,
                1,
                "depends_on names `"
                    + dependency
                    + "`, which no template under sql/staging or sql/features defines"
                    + HeaderParser.suggestion(dependency, byName.keySet())));
        ok = false;
      } else if (!visit(upstream, byName, done, broken, path, ordered, problems)) {
        ok = false;
      }
    }
    path.remove(path.size() - 1);
    if (!ok) {
      broken.add(definition.name());
      return false;
    }
    done.add(definition.name());
    ordered.add(definition);
    return true;
  }

  private static List<Path> templatesIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new DefinitionException("could not list " + folder + ": " + e.getMessage(), e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DefinitionException("could not read " + file + ": " + e.getMessage(), e);
    }
  }
}
