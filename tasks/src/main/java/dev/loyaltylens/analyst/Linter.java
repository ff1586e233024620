package dev.loyaltylens.analyst;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.compute.EngineRun;
import dev.loyaltylens.compute.EventFiles;
import dev.loyaltylens.compute.QueryComposer;
import dev.loyaltylens.compute.SchemaMatch;
import dev.loyaltylens.compute.TemplateQueryException;
import dev.loyaltylens.compute.TemplateRun;
import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionException;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.RenderedTemplate;
import dev.loyaltylens.definitions.RunValues;
import dev.loyaltylens.definitions.TemplateProblem;
import dev.loyaltylens.definitions.TemplateSafety;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineInputs;
import dev.loyaltylens.engine.EngineSession;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.StoreHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Checks every template and fixture without computing anything: headers, the sandbox rules, the SQL
 * rules, DuckDB's plan of each query against an empty events file (and any other engine's, when
 * asked), the column and type each feature yields, the Flyway schema's column for it, and that
 * every fixture file reads.
 */
public final class Linter {

  /** What a lint run found, sorted by file, line and column. */
  public record Report(List<TemplateProblem> problems, int templates, int fixtures) {

    public String summary() {
      return problems.isEmpty()
          ? "lint: " + templates + " templates and " + fixtures + " fixtures checked, no problems"
          : "lint: "
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + " in "
              + files()
              + " ("
              + templates
              + " templates and "
              + fixtures
              + " fixtures checked)";
    }

    private String files() {
      long files = problems.stream().map(TemplateProblem::file).distinct().count();
      return files + (files == 1 ? " file" : " files");
    }
  }

  private static final Pattern LOCATED =
      Pattern.compile("(\\S+?):(\\d+):(\\d+): (.*)", Pattern.DOTALL);
  private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

  private Linter() {}

  public static Report lint(Path sqlDir, Path migrationsDir) {
    return lint(sqlDir, migrationsDir, List.of());
  }

  /**
   * Lints as {@link #lint(Path, Path)} does, and also plans every template on each of {@code
   * otherEngines}, in its dialect and against the same empty events file, so that a construct one
   * engine rejects is named too.
   */
  public static Report lint(Path sqlDir, Path migrationsDir, List<Engine> otherEngines) {
    Set<TemplateProblem> problems = new TreeSet<>();
    DefinitionSet.Inspection inspection = DefinitionSet.inspect(sqlDir);
    problems.addAll(inspection.problems());
    DefinitionSet definitions = inspection.definitions();

    // The same name must mean the same value everywhere, since a run binds each name once.
    Map<String, Object> binds =
        new RunValues(AS_OF, RunValues.DEFAULT_LOOKBACK_DAYS, List.of())
            .binds(
                definitions.ordered(),
                conflict ->
                    problems.add(
                        new TemplateProblem(
                            conflict.definition().displayPath(),
                            conflict.definition().header().lineOf("params." + conflict.name()),
                            1,
                            "param `"
                                + conflict.name()
                                + "` = "
                                + conflict.value()
                                + " contradicts "
                                + conflict.previous()
                                + " in "
                                + conflict.declaredBy()
                                + ": a run binds each name once, so rename one of them")));

    TemplateRun run = new TemplateRun(definitions, binds);
    Set<String> failed = new HashSet<>();
    for (Definition definition : definitions.ordered()) {
      List<TemplateProblem> unsafe = TemplateSafety.scan(definition, sqlDir);
      problems.addAll(unsafe);
      if (!unsafe.isEmpty()) {
        failed.add(definition.name());
        continue;
      }
      try {
        RenderedTemplate rendered = run.rendered(definition);
        List<TemplateProblem> sql = SqlRules.check(rendered, binds.keySet());
        problems.addAll(sql);
        problems.addAll(unusedParams(definition, rendered));
        if (!sql.isEmpty()) {
          failed.add(definition.name());
        }
      } catch (DefinitionException e) {
        problems.add(located(e.getMessage(), definition));
        failed.add(definition.name());
      }
    }

    Path folder = ScratchDatabase.temporaryFolder();
    try (FeatureStore store =
        FeatureStore.open(new StoreHome(folder), migrationsDir, new EngineSettings("1GB", 1))) {
      Handle handle = store.handle();
      handle.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
      Path events =
          EventsContract.writeEmpty(
              handle, EventsContract.columns(definitions), folder.resolve("events.parquet"));
      binds.put(RunValues.EVENT_FILES, new String[] {EventFiles.pattern(events)});
      List<FeatureColumn> columns = store.featureColumns();
      for (Definition definition : definitions.ordered()) {
        if (failed.contains(definition.name())
            || definition.header().dependsOn().stream().anyMatch(failed::contains)) {
          failed.add(definition.name());
          continue;
        }
        try {
          run.explain(handle, definition);
          if (QueryComposer.isMaterialized(definition)) {
            run.materialize(handle, definition);
          }
          if (definition.isFeature()) {
            problems.addAll(
                yields(definition, run, TemplateRun.describe(handle, definition.name())));
          }
        } catch (TemplateQueryException e) {
          problems.add(e.problem());
          failed.add(definition.name());
        } catch (DefinitionException e) {
          problems.add(located(e.getMessage(), definition));
          failed.add(definition.name());
        }
      }
      problems.addAll(schema(definitions, columns, migrationsDir));
      for (Engine engine : otherEngines) {
        problems.addAll(
            planOn(
                engine, definitions, binds, handle, events, folder.resolve(engine.name()), failed));
      }
    } catch (LoyaltyLensException e) {
      problems.add(
          new TemplateProblem(
              "migrations/",
              1,
              1,
              "the migrations do not apply to a fresh store: " + e.getMessage()));
    } finally {
      ScratchDatabase.delete(folder);
    }

    List<Path> fixtures = FixtureRunner.discover(sqlDir);
    for (Path file : fixtures) {
      try {
        Fixture fixture = FixtureParser.parse(file, FixtureRunner.display(sqlDir, file));
        for (String column : fixture.expectColumns()) {
          if (definitions.find(column).filter(Definition::isFeature).isEmpty()) {
            problems.add(
                new TemplateProblem(
                    fixture.display(),
                    1,
                    1,
                    "the expect table checks `"
                        + column
                        + "`, which is not a feature under sql/features/"));
          }
        }
      } catch (FixtureFormatException e) {
        problems.add(e.problem());
      }
    }
    return new Report(List.copyOf(problems), countTemplates(sqlDir), fixtures.size());
  }

  /**
   * Plans, and makes on the empty events, every template that passed the checks before, on another
   * engine.
   */
  private static List<TemplateProblem> planOn(
      Engine engine,
      DefinitionSet definitions,
      Map<String, Object> binds,
      Handle handle,
      Path events,
      Path scratch,
      Set<String> failedBefore) {
    List<TemplateProblem> problems = new ArrayList<>();
    Set<String> failed = new HashSet<>(failedBefore);
    EngineRun run = new EngineRun(definitions, binds, engine.dialect());
    try {
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new LoyaltyLensException(
          "could not make the scratch folder " + scratch + ": " + e.getMessage(), e);
    }
    try (EngineSession session = engine.open(new EngineInputs(List.of(events), handle, scratch))) {
      for (Definition definition : definitions.ordered()) {
        if (failed.contains(definition.name())
            || definition.header().dependsOn().stream().anyMatch(failed::contains)) {
          failed.add(definition.name());
          continue;
        }
        try {
          run.plan(session, definition);
          if (QueryComposer.isMaterialized(definition)) {
            run.materialize(session, definition);
          }
        } catch (TemplateQueryException e) {
          problems.add(e.problem());
          failed.add(definition.name());
        } catch (DefinitionException e) {
          problems.add(located(e.getMessage(), definition));
          failed.add(definition.name());
        }
      }
    }
    return problems;
  }

  private static List<TemplateProblem> unusedParams(
      Definition definition, RenderedTemplate rendered) {
    Set<String> used = SqlRules.parameters(rendered.sql());
    List<TemplateProblem> problems = new ArrayList<>();
    for (String param : definition.header().params().keySet()) {
      if (!used.contains(param)) {
        problems.add(
            new TemplateProblem(
                definition.displayPath(),
                definition.header().lineOf("params." + param),
                1,
                "param `"
                    + param
                    + "` is declared but the SQL never uses :"
                    + param
                    + ": use it or remove it"));
      }
    }
    return problems;
  }

  /** A feature yields exactly customer_id and its own column, of the type its header declares. */
  private static List<TemplateProblem> yields(
      Definition feature, TemplateRun run, List<TemplateRun.Column> columns) {
    List<TemplateProblem> problems = new ArrayList<>();
    RenderedTemplate rendered = run.rendered(feature);
    String sql = rendered.sql();
    int lastSelect = sql.toLowerCase(Locale.ROOT).lastIndexOf("select");
    var at = rendered.sourceOf(Math.max(0, lastSelect));
    List<String> names = columns.stream().map(TemplateRun.Column::name).toList();
    if (!names.equals(List.of("customer_id", feature.name()))) {
      problems.add(
          at.problem(
              "the query yields ("
                  + String.join(", ", names)
                  + "); a feature yields exactly"
                  + " (customer_id, "
                  + feature.name()
                  + ")"));
      return problems;
    }
    String customerType = columns.get(0).type();
    if (!customerType.equals("VARCHAR")) {
      problems.add(
          at.problem("customer_id is " + customerType + ", and the store keeps it as VARCHAR"));
    }
    String yielded = normalize(columns.get(1).type());
    Optional<String> declared = feature.header().type().map(Linter::normalize);
    if (declared.isPresent() && !declared.get().equals(yielded)) {
      problems.add(
          new TemplateProblem(
              feature.displayPath(),
              feature.header().lineOf("type"),
              1,
              "the query yields "
                  + feature.name()
                  + " as "
                  + yielded
                  + ", and the header declares type: "
                  + declared.get()
                  + ": cast it in"
                  + " the SQL, like cast(... as "
                  + declared.get().toLowerCase(Locale.ROOT)
                  + ")"));
    }
    return problems;
  }

  /**
   * Every feature has a column in the migrated schema, of its declared type, and every column has a
   * feature.
   */
  private static List<TemplateProblem> schema(
      DefinitionSet definitions, List<FeatureColumn> columns, Path migrationsDir) {
    List<TemplateProblem> problems = new ArrayList<>();
    Map<String, FeatureColumn> byName = new LinkedHashMap<>();
    columns.forEach(column -> byName.put(column.name(), column));
    for (Definition feature : definitions.features()) {
      FeatureColumn column = byName.get(feature.name());
      if (column == null) {
        problems.add(
            new TemplateProblem(
                feature.displayPath(), 1, 1, SchemaMatch.missingMigration(feature, migrationsDir)));
      } else if (feature.header().type().isPresent()
          && !normalize(column.type()).equals(normalize(feature.header().type().get()))) {
        problems.add(
            new TemplateProblem(
                feature.displayPath(),
                feature.header().lineOf("type"),
                1,
                "the features"
                    + " table has "
                    + feature.name()
                    + " as "
                    + column.type()
                    + ", and the header declares type: "
                    + feature.header().type().get()
                    + ": make them agree (a new migration, or the header)"));
      }
    }
    for (FeatureColumn column : columns) {
      if (definitions.find(column.name()).isEmpty()) {
        TemplateProblem where = migrationMentioning(migrationsDir, column.name());
        problems.add(
            new TemplateProblem(
                where.file(),
                where.line(),
                where.column(),
                "the features table has a"
                    + " column `"
                    + column.name()
                    + "` that no template computes: add sql/features/"
                    + column.name()
                    + DefinitionSet.SUFFIX
                    + ", or drop the column in a new migration"));
      }
    }
    return problems;
  }

  static TemplateProblem migrationMentioning(Path migrationsDir, String column) {
    Pattern word = Pattern.compile("\\b" + Pattern.quote(column) + "\\b");
    try (Stream<Path> files = Files.list(migrationsDir)) {
      for (Path file : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher matcher = word.matcher(lines.get(i));
          if (matcher.find()) {
            return new TemplateProblem(
                "migrations/" + file.getFileName(), i + 1, matcher.start() + 1, "");
          }
        }
      }
    } catch (IOException e) {
      // fall through to the folder itself
    }
    return new TemplateProblem("migrations/", 1, 1, "");
  }

  private static int countTemplates(Path sqlDir) {
    int files = 0;
    for (String folder : List.of("staging", "features")) {
      try (Stream<Path> list = Files.list(sqlDir.resolve(folder))) {
        files +=
            (int)
                list.filter(f -> f.getFileName().toString().endsWith(DefinitionSet.SUFFIX)).count();
      } catch (IOException e) {
        // a missing staging folder holds no template
      }
    }
    return files;
  }

  static String normalize(String type) {
    return type.strip().toUpperCase(Locale.ROOT).replace(" ", "");
  }

  /**
   * A {@code file:line:col: message} from a definitions error, or the template's first line when it
   * has none.
   */
  static TemplateProblem located(String message, Definition definition) {
    Matcher matcher = LOCATED.matcher(message);
    if (matcher.matches()) {
      return new TemplateProblem(
          matcher.group(1),
          Integer.parseInt(matcher.group(2)),
          Integer.parseInt(matcher.group(3)),
          matcher.group(4));
    }
    return new TemplateProblem(definition.displayPath(), 1, 1, message);
  }
}
