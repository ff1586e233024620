package dev.loyaltylens.analyst;

import dev.loyaltylens.compute.EventFiles;
import dev.loyaltylens.compute.TemplateRun;
import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionException;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.RunValues;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * One feature (and what it reads) run on real events in an in-memory DuckDB, without a store: the
 * first rows by customer id, and how many customers it holds.
 */
public final class Preview {

  private Preview() {}

  /** The preview as a table for the terminal, with a one-line footer. */
  public static String table(
      DefinitionSet definitions,
      String name,
      Path eventsDir,
      Instant asOf,
      int lookbackDays,
      int limit,
      String memoryLimit) {
    Definition target = definitions.require(name);
    if (!target.isFeature()) {
      throw new DefinitionException(
          "`"
              + name
              + "` is a staging model ("
              + target.displayPath()
              + "): preview"
              + " shows features, one value per customer; name one of "
              + String.join(", ", definitions.features().stream().map(Definition::name).toList()));
    }
    if (limit < 1) {
      throw new DefinitionException("--limit must be at least 1, got " + limit);
    }
    EventFiles events = EventFiles.scan(eventsDir);
    Map<String, Object> binds =
        new RunValues(asOf, lookbackDays, events.patterns()).binds(definitions.ordered());
    long started = System.nanoTime();
    try (ScratchDatabase scratch =
        ScratchDatabase.open(
            memoryLimit, Math.max(1, Runtime.getRuntime().availableProcessors()))) {
      Handle handle = scratch.handle();
      TemplateRun run = new TemplateRun(definitions, binds);
      run.materializeClosure(handle, target);
      long customers = handle.createQuery("select count(*) from " + name).mapTo(Long.class).one();
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("customer_id", name));
      handle
          .createQuery(
              "select customer_id, "
                  + name
                  + " from "
                  + name
                  + " order by customer_id limit "
                  + limit)
          .map((rs, ctx) -> List.of(rs.getString(1), FixtureRunner.format(rs.getObject(2))))
          .forEach(rows::add);
      return TextTable.plain(rows)
          + "\n"
          + String.format(
              Locale.ROOT,
              "(%,d of %,d customers, by customer_id; %s as of %s from %,d files in %s, %.1fs)",
              rows.size() - 1,
              customers,
              name,
              asOf,
              events.files().size(),
              events.dir(),
              (System.nanoTime() - started) / 1e9);
    }
  }
}
