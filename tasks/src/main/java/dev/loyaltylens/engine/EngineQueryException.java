package dev.loyaltylens.engine;

import dev.loyaltylens.LoyaltyLensException;
import java.util.OptionalInt;

/**
 * An engine rejected or failed a query. The message is the engine's own first line; the offset,
 * when the engine gives one, is where in the query text it points, so that the caller can name the
 * template line.
 */
public final class EngineQueryException extends LoyaltyLensException {

  private final String engine;
  private final transient OptionalInt offset;

  public EngineQueryException(String engine, String message, OptionalInt offset, Throwable cause) {
    super(engine + ": " + message, cause);
    this.engine = engine;
    this.offset = offset;
  }

  /** The engine's message, without the engine's name. */
  public String engineMessage() {
    return getMessage().substring(engine.length() + 2);
  }

  /** The engine's name, as a message shows it: {@code DuckDB}, {@code Spark}. */
  public String engine() {
    return engine;
  }

  /** Where in the query the engine points, counted in characters from its start. */
  public OptionalInt offset() {
    return offset;
  }
}
