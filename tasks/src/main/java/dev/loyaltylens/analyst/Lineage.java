package dev.loyaltylens.analyst;

import dev.loyaltylens.compute.TemplateRun;
import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which relations a template reads and which of their columns its SQL names: the columns of each
 * relation it depends on that appear as identifiers in its SQL, plus whether it selects all of them
 * with {@code *}.
 */
final class Lineage {

  /** One relation a template reads. */
  record Upstream(Definition relation, List<String> columns, boolean star) {}

  private Lineage() {}

  /**
   * @param sql the template's rendered SQL
   * @param columns every relation's columns, by name
   */
  static List<Upstream> of(
      Definition definition,
      DefinitionSet definitions,
      String sql,
      Map<String, List<String>> columns) {
    List<SqlScanner.Token> tokens = SqlScanner.scan(sql);
    Set<String> names = new LinkedHashSet<>();
    Set<String> starred = new LinkedHashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      SqlScanner.Token token = tokens.get(i);
      if (token.kind() == SqlScanner.Kind.WORD
          || token.kind() == SqlScanner.Kind.QUOTED_IDENTIFIER) {
        names.add(token.name());
      }
      if (token.isSymbol("*")
          && i > 0
          && (tokens.get(i - 1).isWord("select") || tokens.get(i - 1).isSymbol(","))) {
        fromOfSameSelect(tokens, i).ifPresent(starred::add);
      }
    }
    List<Upstream> upstream = new ArrayList<>();
    for (String name : definition.header().dependsOn()) {
      Definition relation = definitions.require(name);
      List<String> referenced = new ArrayList<>();
      for (String column : columns.getOrDefault(name, List.of())) {
        if (names.contains(column.toLowerCase(java.util.Locale.ROOT))) {
          referenced.add(column);
        }
      }
      upstream.add(new Upstream(relation, referenced, starred.contains(name)));
    }
    return upstream;
  }

  /** The relation named right after the {@code from} of the select a {@code *} belongs to. */
  private static java.util.Optional<String> fromOfSameSelect(
      List<SqlScanner.Token> tokens, int star) {
    int depth = 0;
    for (int i = star + 1; i < tokens.size() - 1; i++) {
      SqlScanner.Token token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        if (--depth < 0) {
          return java.util.Optional.empty();
        }
      } else if (depth == 0 && token.isWord("from")) {
        return java.util.Optional.of(tokens.get(i + 1).name());
      }
    }
    return java.util.Optional.empty();
  }

  /** The templates that read a relation directly. */
  static List<Definition> downstream(Definition definition, DefinitionSet definitions) {
    return definitions.ordered().stream()
        .filter(d -> d.header().dependsOn().contains(definition.name()))
        .toList();
  }

  /** Every relation's columns, as DuckDB describes them after running the templates on no event. */
  static Map<String, List<TemplateRun.Column>> describeAll(
      TemplateRun run, ScratchDatabase scratch) {
    Map<String, List<TemplateRun.Column>> described = new LinkedHashMap<>();
    for (Definition definition : run.definitions().ordered()) {
      run.materialize(scratch.handle(), definition);
      described.put(definition.name(), TemplateRun.describe(scratch.handle(), definition.name()));
    }
    return described;
  }
}
