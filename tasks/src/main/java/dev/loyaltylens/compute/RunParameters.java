package dev.loyaltylens.compute;

import dev.loyaltylens.definitions.Definition;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a run binds into every template: the as-of instant, the lookback and the events to read, plus the
 * parameters each template header declares.
 *
 * @param eventFiles the files to read, as DuckDB patterns that each match one file ({@link EventFiles#pattern})
 */
public record RunParameters(Instant asOf, int lookbackDays, List<String> eventFiles) {

  public static final int DEFAULT_LOOKBACK_DAYS = 180;

  public RunParameters {
    if (lookbackDays < 1) {
      throw new BadInputException("--lookback-days must be at least 1, got " + lookbackDays);
    }
    eventFiles = List.copyOf(eventFiles);
  }

  /** Every bound value a set of templates needs; a header param may not contradict another one. */
  public Map<String, Object> binds(Iterable<Definition> definitions) {
    Map<String, Object> binds = new LinkedHashMap<>();
    binds.put("as_of", Timestamp.from(asOf));
    binds.put("lookback_days", lookbackDays);
    // bound as a VARCHAR[]: read_parquet reads a list of files
    binds.put("event_files", eventFiles.toArray(String[]::new));
    for (Definition definition : definitions) {
      for (Map.Entry<String, BigDecimal> param : definition.header().params().entrySet()) {
        Object previous = binds.putIfAbsent(param.getKey(), param.getValue());
        if (previous != null && !previous.equals(param.getValue())) {
          throw new ComputeException(
              definition.displayPath() + ": param `" + param.getKey() + "` = " + param.getValue()
                  + " contradicts the value " + previous + " bound elsewhere: rename one of them");
        }
      }
    }
    return binds;
  }
}
