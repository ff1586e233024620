package dev.loyaltylens.analyst;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.compute.EngineRun;
import dev.loyaltylens.compute.EventFiles;
import dev.loyaltylens.compute.QueryComposer;
import dev.loyaltylens.compute.TemplateRun;
import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.RunValues;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineInputs;
import dev.loyaltylens.engine.EngineSession;
import dev.loyaltylens.store.SqlLiteral;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * Runs fixtures: writes a fixture's events to a Parquet file, computes the whole feature set from
 * it with the real templates in an in-memory DuckDB (as {@code compute} would), or on another
 * engine whose relations are then read there, and compares the checked columns with the expected
 * table, DOUBLEs within the fixture's tolerance.
 */
final class FixtureRunner {

  /** How one fixture went; a failure lists each difference and the values computed. */
  record Outcome(
      Fixture fixture,
      int customers,
      List<String> differences,
      List<List<String>> computed,
      String error,
      String engine) {

    /** The same outcome, named as computed on another engine than DuckDB. */
    Outcome on(String otherEngine) {
      return new Outcome(fixture, customers, differences, computed, error, otherEngine);
    }

    boolean passed() {
      return error == null && differences.isEmpty();
    }

    /**
     * What the terminal shows: one line when it passed, the differences and the computed table when
     * not.
     */
    String report() {
      if (passed()) {
        return "PASS "
            + name()
            + " ("
            + customers
            + " customers, "
            + fixture.expectColumns().size()
            + " "
            + (fixture.expectColumns().size() == 1 ? "column" : "columns")
            + ")";
      }
      StringBuilder text = new StringBuilder("FAIL " + name());
      if (error != null) {
        return text.append("\n  ").append(error).toString();
      }
      text.append(" (")
          .append(differences.size())
          .append(differences.size() == 1 ? " difference" : " differences")
          .append(")\n");
      for (String difference : differences) {
        text.append("  ").append(difference).append('\n');
      }
      text.append("  computed (paste into expect: once the values are right):\n");
      for (String line : TextTable.pipes(computed).split("\n")) {
        text.append("    ").append(line).append('\n');
      }
      return text.toString().stripTrailing();
    }

    private String name() {
      return fixture.display() + (engine == null ? "" : " on " + engine);
    }
  }

  private FixtureRunner() {}

  /** Every fixture file under {@code sql/}, in path order. */
  static List<Path> discover(Path sqlDir) {
    try (Stream<Path> walk = Files.walk(sqlDir)) {
      return walk.filter(f -> f.getFileName().toString().endsWith(FixtureParser.SUFFIX))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new LoyaltyLensException(
          "could not list the fixtures in " + sqlDir + ": " + e.getMessage(), e);
    }
  }

  static String display(Path sqlDir, Path file) {
    return "sql/"
        + sqlDir
            .toAbsolutePath()
            .normalize()
            .relativize(file.toAbsolutePath().normalize())
            .toString()
            .replace('\\', '/');
  }

  static Outcome run(DefinitionSet definitions, Fixture fixture) {
    return run(definitions, fixture, null);
  }

  /**
   * Runs a fixture on DuckDB, or on {@code other} when it is not null, with the same events and
   * values.
   */
  static Outcome run(DefinitionSet definitions, Fixture fixture, Engine other) {
    for (String column : fixture.expectColumns()) {
      if (definitions.find(column).filter(Definition::isFeature).isEmpty()) {
        return new Outcome(
            fixture,
            0,
            List.of(),
            List.of(),
            fixture.display()
                + ":"
                + firstExpectLine(fixture)
                + ":1: the expect table checks `"
                + column
                + "`, which is not a feature under sql/features/",
            null);
      }
    }
    try (ScratchDatabase scratch = ScratchDatabase.small()) {
      Handle handle = scratch.handle();
      Path events = writeEvents(handle, fixture, scratch.folder().resolve("events.parquet"));
      Map<String, Object> binds =
          new RunValues(fixture.asOf(), fixture.lookbackDays(), List.of(EventFiles.pattern(events)))
              .binds(definitions.ordered());
      if (other != null) {
        EngineRun run = new EngineRun(definitions, binds, other.dialect());
        try (EngineSession session =
            other.open(new EngineInputs(List.of(events), handle, scratch.folder()))) {
          run.materializeAll(session);
          return compare(fixture, read(handle, fixture, session::handOver)).on(other.name());
        }
      }
      TemplateRun run = new TemplateRun(definitions, binds);
      for (Definition definition : definitions.ordered()) {
        if (QueryComposer.isMaterialized(definition)) {
          run.materialize(handle, definition);
        }
      }
      return compare(fixture, read(handle, fixture, UnaryOperator.identity()));
    } catch (LoyaltyLensException e) {
      return new Outcome(
          fixture, 0, List.of(), List.of(), e.getMessage(), other == null ? null : other.name());
    }
  }

  /**
   * The checked columns by customer, each feature read from the table expression {@code relation}
   * gives.
   */
  private static Map<String, Map<String, Object>> read(
      Handle handle, Fixture fixture, UnaryOperator<String> relation) {
    Map<String, Map<String, Object>> actual = new TreeMap<>();
    for (String column : fixture.expectColumns()) {
      handle
          .createQuery("select customer_id, " + column + " from " + relation.apply(column))
          .map(
              (rs, ctx) ->
                  Map.entry(rs.getString(1), java.util.Optional.ofNullable(rs.getObject(2))))
          .forEach(
              entry ->
                  actual
                      .computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>())
                      .put(column, entry.getValue().orElse(null)));
    }
    return actual;
  }

  private static Outcome compare(Fixture fixture, Map<String, Map<String, Object>> actual) {
    List<String> differences = new ArrayList<>();
    for (Fixture.Expected expected : fixture.expected()) {
      Map<String, Object> row = actual.get(expected.customerId());
      if (row == null) {
        differences.add(
            "line "
                + expected.line()
                + ": "
                + expected.customerId()
                + " is missing from the features"
                + " (no event in the lookback?), expected "
                + describe(expected.values()));
        continue;
      }
      for (String column : fixture.expectColumns()) {
        String want = expected.values().get(column);
        Object got = row.get(column);
        if (!matches(want, got, fixture.tolerance())) {
          differences.add(
              "line "
                  + expected.line()
                  + ": "
                  + expected.customerId()
                  + " "
                  + column
                  + " expected "
                  + (want == null ? "null" : want)
                  + ", computed "
                  + format(got));
        }
      }
    }
    for (Map.Entry<String, Map<String, Object>> row : actual.entrySet()) {
      if (fixture.expected().stream().noneMatch(e -> e.customerId().equals(row.getKey()))) {
        differences.add(
            "unexpected customer "
                + row.getKey()
                + " in the features: "
                + describeActual(row.getValue()));
      }
    }
    List<List<String>> computed = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("customer_id");
    header.addAll(fixture.expectColumns());
    computed.add(header);
    for (Map.Entry<String, Map<String, Object>> row : actual.entrySet()) {
      List<String> cells = new ArrayList<>();
      cells.add(row.getKey());
      for (String column : fixture.expectColumns()) {
        cells.add(format(row.getValue().get(column)));
      }
      computed.add(cells);
    }
    return new Outcome(fixture, actual.size(), differences, computed, null, null);
  }

  static boolean matches(String expected, Object actual, double tolerance) {
    if (expected == null || actual == null) {
      return expected == null && actual == null;
    }
    if (actual instanceof Number number) {
      Double want = Arithmetic.evaluate(expected);
      if (want == null) {
        return false;
      }
      boolean exact =
          actual instanceof Integer
              || actual instanceof Long
              || actual instanceof Short
              || actual instanceof java.math.BigInteger;
      double got = number.doubleValue();
      return exact ? want == got : Math.abs(want - got) <= tolerance;
    }
    return expected.equals(String.valueOf(actual));
  }

  static String format(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double number = ((Number) value).doubleValue();
      if (!Double.isFinite(number)) {
        return Double.toString(number);
      }
      String text =
          new BigDecimal(number).round(new MathContext(12)).stripTrailingZeros().toPlainString();
      return text.equals("-0") ? "0" : text;
    }
    return String.valueOf(value);
  }

  private static String describe(Map<String, String> values) {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + " " + (v == null ? "null" : v)));
    return String.join(", ", parts);
  }

  private static String describeActual(Map<String, Object> values) {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + " " + format(v)));
    return String.join(", ", parts);
  }

  private static int firstExpectLine(Fixture fixture) {
    return fixture.expected().isEmpty() ? 1 : Math.max(1, fixture.expected().get(0).line() - 1);
  }

  private static Path writeEvents(Handle handle, Fixture fixture, Path file) {
    handle.execute(
        "create table fixture_events (event_id varchar, customer_id varchar, event_type varchar,"
            + " event_ts timestamp, amount double, channel varchar)");
    try (PreparedStatement insert =
        handle
            .getConnection()
            .prepareStatement("insert into fixture_events values (?, ?, ?, ?, ?, ?)")) {
      for (Fixture.Event event : fixture.events()) {
        insert.setString(1, event.eventId());
        insert.setString(2, event.customerId());
        insert.setString(3, event.eventType());
        insert.setTimestamp(4, event.eventTs() == null ? null : Timestamp.from(event.eventTs()));
        insert.setObject(5, event.amount());
        insert.setString(6, event.channel());
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new LoyaltyLensException(
          fixture.display() + ": could not load its events: " + e.getMessage(), e);
    }
    handle.execute("copy fixture_events to " + SqlLiteral.of(file) + " (format parquet)");
    handle.execute("drop table fixture_events");
    return file;
  }
}
