package dev.loyaltylens.analyst;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Every fixture under {@code sql/} (or those of some features), run one after the other. */
public final class FixtureSuite {

  /** How many fixtures ran and how many failed. */
  public record Summary(int run, int failed) {

    public String line() {
      if (run == 0) {
        return "test: no fixture ran";
      }
      String fixtures = run == 1 ? " fixture" : " fixtures";
      return failed == 0
          ? "test: " + run + fixtures + " passed"
          : "test: " + failed + " of " + run + fixtures + " failed";
    }
  }

  private FixtureSuite() {}

  /**
   * @param only feature names; a fixture runs when its file is named after one or its expect table
   *     checks one. Empty runs them all.
   * @param report receives each fixture's report as it finishes
   */
  public static Summary run(Path sqlDir, List<String> only, Consumer<String> report) {
    return run(sqlDir, only, report, List.of());
  }

  /**
   * Runs the fixtures on DuckDB and then on each of {@code otherEngines}: each engine's run counts
   * as one.
   */
  public static Summary run(
      Path sqlDir, List<String> only, Consumer<String> report, List<Engine> otherEngines) {
    DefinitionSet definitions = DefinitionSet.load(sqlDir);
    for (String name : only) {
      definitions.require(name);
    }
    List<Path> files = FixtureRunner.discover(sqlDir);
    int run = 0;
    int failed = 0;
    for (Path file : files) {
      String display = FixtureRunner.display(sqlDir, file);
      Fixture fixture;
      try {
        fixture = FixtureParser.parse(file, display);
      } catch (FixtureFormatException e) {
        run++;
        failed++;
        report.accept("FAIL " + display + "\n  " + e.getMessage());
        continue;
      }
      String fileName = file.getFileName().toString();
      if (!only.isEmpty()
          && only.stream()
              .noneMatch(
                  name ->
                      fileName.startsWith(name + ".") || fixture.expectColumns().contains(name))) {
        continue;
      }
      List<FixtureRunner.Outcome> outcomes = new ArrayList<>();
      outcomes.add(FixtureRunner.run(definitions, fixture));
      for (Engine engine : otherEngines) {
        outcomes.add(FixtureRunner.run(definitions, fixture, engine));
      }
      for (FixtureRunner.Outcome outcome : outcomes) {
        run++;
        if (!outcome.passed()) {
          failed++;
        }
        report.accept(outcome.report());
      }
    }
    if (run == 0) {
      report.accept(
          "no fixtures"
              + (only.isEmpty() ? "" : " for " + String.join(", ", only))
              + ": add one next to"
              + " the template, like sql/features/NAME.test.txt (see docs/ADDING_A_FEATURE.md)");
    }
    return new Summary(run, failed);
  }
}
