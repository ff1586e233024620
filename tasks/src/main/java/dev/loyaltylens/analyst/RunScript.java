package dev.loyaltylens.analyst;

import dev.loyaltylens.compute.EventFiles;
import dev.loyaltylens.compute.QueryComposer;
import dev.loyaltylens.compute.TemplateRun;
import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.RunValues;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of a feature exactly as {@code compute} runs it: the statements that make it and what it
 * reads, in order, each composed as the run composes it, with the values the run binds listed in a
 * comment block on top.
 */
public final class RunScript {

  /** Files of the events list printed before the rest is counted. */
  private static final int SHOWN_FILES = 5;

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private RunScript() {}

  /**
   * @param events the events folder, to show the files compute binds; null to show where they come
   *     from
   * @param targetOnly whether to print only the feature's own statement, not those of what it reads
   */
  public static String render(
      DefinitionSet definitions,
      String name,
      Instant asOf,
      int lookbackDays,
      Path events,
      boolean targetOnly) {
    Definition target = definitions.require(name);
    List<String> files = events == null ? List.of() : EventFiles.scan(events).patterns();
    Map<String, Object> binds =
        new RunValues(asOf, lookbackDays, files).binds(definitions.ordered());
    TemplateRun run = new TemplateRun(definitions, binds);

    List<Definition> steps = new ArrayList<>();
    for (Definition definition : definitions.closure(target)) {
      if (QueryComposer.isMaterialized(definition) && (!targetOnly || definition == target)) {
        steps.add(definition);
      }
    }
    List<String> statements = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (Definition step : steps) {
      String statement = run.statement(step, false);
      used.addAll(SqlRules.parameters(statement));
      statements.add(statement);
    }

    StringBuilder script = new StringBuilder();
    script
        .append("-- ")
        .append(target.displayPath())
        .append(": ")
        .append(target.header().description())
        .append('\n');
    script
        .append("-- The ")
        .append(steps.size() == 1 ? "statement" : steps.size() + " statements")
        .append(" compute runs for ")
        .append(target.name())
        .append(steps.size() == 1 ? "" : ", in order, in one DuckDB session")
        .append(".\n");
    script.append(
        "-- Bound values (each :name is a bind parameter; no value is written into the SQL):\n");
    Map<String, String> shown = new LinkedHashMap<>();
    for (String bind : used) {
      shown.put(bind, show(bind, binds.get(bind), events == null));
    }
    int width = shown.keySet().stream().mapToInt(String::length).max().orElse(0);
    shown.forEach(
        (bind, value) ->
            script
                .append("--   :")
                .append(bind)
                .append(" ".repeat(width - bind.length()))
                .append(" = ")
                .append(value)
                .append('\n'));
    for (int i = 0; i < steps.size(); i++) {
      Definition step = steps.get(i);
      script
          .append("\n-- ")
          .append(i + 1)
          .append('/')
          .append(steps.size())
          .append(' ')
          .append(step.displayPath());
      step.header()
          .skipWhenEmpty()
          .ifPresent(
              upstream ->
                  script
                      .append(" (made with `limit 0`, without reading" + " any event, when ")
                      .append(upstream)
                      .append(" is empty)"));
      for (Definition read : definitions.ordered()) {
        if (!QueryComposer.inlined(definitions, step).contains(read.name())) {
          continue;
        }
        read.header()
            .passThroughWhenEmpty()
            .ifPresent(
                upstream ->
                    script
                        .append("\n--   ")
                        .append(read.name())
                        .append(" reads as ")
                        .append(read.header().passThrough().orElseThrow())
                        .append(" in its own columns when ")
                        .append(upstream)
                        .append(" is empty"));
      }
      String statement = statements.get(i);
      String lastLine = statement.substring(statement.lastIndexOf('\n') + 1);
      // a semicolon after a trailing line comment would be part of the comment
      script.append('\n').append(statement).append(lastLine.contains("--") ? "\n;\n" : ";\n");
    }
    return script.toString();
  }

  /** The bound list as a DuckDB list literal, shortened past a few files. */
  private static String eventFiles(String[] files) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < files.length && i < SHOWN_FILES; i++) {
      shown.add("'" + files[i].replace("'", "''") + "'");
    }
    String more =
        files.length > SHOWN_FILES
            ? String.format(java.util.Locale.ROOT, ", ... %,d more", files.length - SHOWN_FILES)
            : "";
    return "["
        + String.join(", ", shown)
        + more
        + "]  (VARCHAR[]: each file exactly, with * ? [ written as [*] [?] [[])";
  }

  private static String show(String name, Object value, boolean noEvents) {
    if (value instanceof Timestamp timestamp) {
      return TIMESTAMP.format(timestamp.toInstant()) + "  (TIMESTAMP, UTC)";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (name.equals(RunValues.EVENT_FILES)) {
      return noEvents
          ? "[every .parquet file under the events folder]  (from compute --events; pass --events DIR to see them)"
          : eventFiles((String[]) value);
    }
    return value == null ? "(not bound: run `loyaltylens lint`)" : String.valueOf(value);
  }
}
