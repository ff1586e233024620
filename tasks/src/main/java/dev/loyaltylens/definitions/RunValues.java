package dev.loyaltylens.definitions;

import dev.loyaltylens.LoyaltyLensException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The values a run binds into every template, and the one owner of their names: the as-of instant
 * ({@code :as_of}), the lookback ({@code :lookback_days}) and the events to read ({@code
 * :event_files}), plus the params each template header declares. A run binds each name once, so a
 * name must mean one value everywhere.
 *
 * @param eventFiles what {@code :event_files} reads: the files, as DuckDB patterns that each match
 *     one file ({@code EventFiles.pattern}), bound as a VARCHAR[]
 */
public record RunValues(Instant asOf, int lookbackDays, List<String> eventFiles) {

  public static final String AS_OF = "as_of";
  public static final String LOOKBACK_DAYS = "lookback_days";
  public static final String EVENT_FILES = "event_files";

  /** The run values' names, in the order they are bound and listed. */
  public static final List<String> NAMES = List.of(AS_OF, LOOKBACK_DAYS, EVENT_FILES);

  /** The lookback of SPEC section 3 when none is given. */
  public static final int DEFAULT_LOOKBACK_DAYS = 180;

  public RunValues {
    if (lookbackDays < 1) {
      throw new LoyaltyLensException("--lookback-days must be at least 1, got " + lookbackDays);
    }
    eventFiles = List.copyOf(eventFiles);
  }

  /**
   * A header param bound with another value than the one bound before it.
   *
   * @param declaredBy the template whose value stays
   */
  public record Conflict(
      Definition definition, String name, BigDecimal value, Object previous, String declaredBy) {}

  /** Every bound value a set of templates needs; a header param may not contradict another one. */
  public Map<String, Object> binds(Iterable<Definition> definitions) {
    return binds(
        definitions,
        conflict -> {
          throw new DefinitionException(
              conflict.definition().displayPath()
                  + ": param `"
                  + conflict.name()
                  + "` = "
                  + conflict.value()
                  + " contradicts the value "
                  + conflict.previous()
                  + " bound elsewhere: rename one of them");
        });
  }

  /**
   * Every bound value, telling {@code onConflict} of each param that contradicts one bound before
   * (which stays).
   */
  public Map<String, Object> binds(
      Iterable<Definition> definitions, Consumer<Conflict> onConflict) {
    Map<String, Object> binds = new LinkedHashMap<>();
    binds.put(AS_OF, Timestamp.from(asOf));
    binds.put(LOOKBACK_DAYS, lookbackDays);
    // bound as a VARCHAR[]: read_parquet reads a list of files
    binds.put(EVENT_FILES, eventFiles.toArray(String[]::new));
    Map<String, String> declaredBy = new LinkedHashMap<>();
    for (Definition definition : definitions) {
      for (Map.Entry<String, BigDecimal> param : definition.header().params().entrySet()) {
        Object previous = binds.putIfAbsent(param.getKey(), param.getValue());
        declaredBy.putIfAbsent(param.getKey(), definition.displayPath());
        if (previous != null && !previous.equals(param.getValue())) {
          onConflict.accept(
              new Conflict(
                  definition,
                  param.getKey(),
                  param.getValue(),
                  previous,
                  declaredBy.get(param.getKey())));
        }
      }
    }
    return binds;
  }

  /**
   * Whether a bound value says what the logic is, so that it belongs in the hash of the rendered
   * SQL.
   */
  public static boolean isLogic(String name) {
    // where the events live and the as-of instant are recorded apart; the hash is about the logic
    return !name.equals(EVENT_FILES) && !name.equals(AS_OF);
  }

  /** The run values as a template names them: {@code :as_of, :lookback_days, :event_files}. */
  public static String listed() {
    return String.join(", ", NAMES.stream().map(name -> ":" + name).toList());
  }
}
