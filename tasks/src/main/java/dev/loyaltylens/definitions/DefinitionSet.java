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
 * Every template under {@code sql/}, in an order where each comes after the relations it reads. The set of
 * features is the set of files in {@code sql/features/}: nothing about them is written in Java.
 */
public final class DefinitionSet {

  public static final String SUFFIX = ".sql.ftl";

  private final Path sqlDir;
  private final List<Definition> ordered;

  private DefinitionSet(Path sqlDir, List<Definition> ordered) {
    this.sqlDir = sqlDir;
    this.ordered = List.copyOf(ordered);
  }

  /** Reads and orders the templates of a {@code sql/} folder. */
  public static DefinitionSet load(Path sqlDir) {
    if (!Files.isDirectory(sqlDir.resolve("features"))) {
      throw new DefinitionException(
          "no feature templates: " + sqlDir.resolve("features") + " does not exist (set LOYALTYLENS_SQL or --sql)");
    }
    Map<String, Definition> byName = new LinkedHashMap<>();
    for (Definition.Kind kind : Definition.Kind.values()) {
      String folder = kind == Definition.Kind.STAGING ? "staging" : "features";
      for (Path file : templatesIn(sqlDir.resolve(folder))) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        String templateName = folder + "/" + fileName;
        if (!name.matches("[a-z][a-z0-9_]*")) {
          throw new DefinitionException(
              "sql/" + templateName + ":1:1: `" + name + "` is not a valid name: use lower case letters, digits and _");
        }
        TemplateHeader header = HeaderParser.parse("sql/" + templateName, read(file));
        Definition previous = byName.put(name, new Definition(name, kind, templateName, file, header));
        if (previous != null) {
          throw new DefinitionException(
              "sql/" + templateName + ":1:1: `" + name + "` is also defined by " + previous.displayPath());
        }
      }
    }
    return new DefinitionSet(sqlDir, topologicalOrder(byName));
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
            () -> new DefinitionException(
                "no template named `" + name + "`: expected sql/features/" + name + SUFFIX
                    + " (known: " + String.join(", ", ordered.stream().map(Definition::name).toList()) + ")"));
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

  private static List<Definition> topologicalOrder(Map<String, Definition> byName) {
    List<Definition> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (Definition definition : byName.values()) {
      visit(definition, byName, done, new ArrayList<>(), ordered);
    }
    return ordered;
  }

  private static void visit(
      Definition definition, Map<String, Definition> byName, Set<String> done, List<String> path,
      List<Definition> ordered) {
    if (done.contains(definition.name())) {
      return;
    }
    if (path.contains(definition.name())) {
      path.add(definition.name());
      throw new DefinitionException(
          definition.displayPath() + ":1:1: depends_on forms a cycle: " + String.join(" -> ", path));
    }
    path.add(definition.name());
    for (String dependency : definition.header().dependsOn()) {
      Definition upstream = byName.get(dependency);
      if (upstream == null) {
        throw new DefinitionException(
            definition.displayPath() + ":1:1: depends_on names `" + dependency
                + "`, which no template under sql/staging or sql/features defines");
      }
      visit(upstream, byName, done, path, ordered);
    }
    path.remove(path.size() - 1);
    done.add(definition.name());
    ordered.add(definition);
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
