package dev.loyaltylens.engine.spark;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.engine.EngineQueryException;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.spark.QueryContext;
import org.apache.spark.QueryContextType;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Turns what Spark throws into an {@link EngineQueryException}: the first line of the most specific
 * Spark error (a job failure wraps the one an executor raised), and where in the query Spark points
 * when it says.
 */
final class SparkErrors {

  private static final String ENGINE = "Spark";
  private static final Pattern POSITION = Pattern.compile("(;| \\()? ?line \\d+,? pos \\d+\\)?$");

  private SparkErrors() {}

  static <T> T translate(SparkSession spark, String query, Supplier<T> work) {
    try {
      return work.get();
    } catch (Exception e) {
      if (spark.sparkContext().isStopped()) {
        // the application ended under the run: a standalone master that never answered, or a
        // cluster that killed it
        throw new SparkEngineException(
            "Spark stopped the application on "
                + spark.sparkContext().master()
                + " ("
                + firstLine(e.getMessage())
                + "): check that the master runs and that its workers have the cores and memory"
                + " asked for, then compute again",
            e);
      }
      // Scala throws AnalysisException, a checked exception to Java, through methods that declare
      // nothing
      Throwable specific = mostSpecific(e);
      if (!(specific instanceof SparkThrowable)) {
        throw e instanceof RuntimeException runtime
            ? runtime
            : new SparkEngineException(firstLine(e.getMessage()), e);
      }
      throw new EngineQueryException(
          ENGINE, firstLine(specific.getMessage()), offset(query, specific), e);
    }
  }

  /**
   * The innermost Spark error with an error class, which names what went wrong rather than where it
   * surfaced.
   */
  private static Throwable mostSpecific(Throwable thrown) {
    Throwable specific = thrown;
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof SparkThrowable spark && spark.getCondition() != null) {
        specific = cause;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return specific;
  }

  /**
   * Where Spark points: the line and position of the token it names when it gives them (a syntax
   * error's context spans the whole statement, its line and position the token), else the start of
   * the fragment it quotes.
   */
  static OptionalInt offset(String query, Throwable error) {
    if (error instanceof AnalysisException analysis) {
      Option<Object> line = analysis.line();
      Option<Object> position = analysis.startPosition();
      if (line.isDefined() && position.isDefined()) {
        return offsetOf(query, (Integer) line.get(), (Integer) position.get());
      }
    }
    if (error instanceof SparkThrowable spark) {
      for (QueryContext context : spark.getQueryContext()) {
        if (context.contextType() == QueryContextType.SQL
            && context.startIndex() >= 0
            && context.startIndex() < query.length()) {
          return OptionalInt.of(context.startIndex());
        }
      }
    }
    return OptionalInt.empty();
  }

  /** The offset of a 1-based line and a 0-based position in it, as Spark's parser counts them. */
  static OptionalInt offsetOf(String query, int line, int position) {
    int start = 0;
    for (int current = 1; current < line; current++) {
      int newline = query.indexOf('\n', start);
      if (newline < 0) {
        return OptionalInt.empty();
      }
      start = newline + 1;
    }
    return OptionalInt.of(Math.min(query.length(), start + position));
  }

  /**
   * The message's first line, without the position in the composed query, which means nothing in a
   * template.
   */
  static String firstLine(String message) {
    return POSITION.matcher(LoyaltyLensException.firstLine(message)).replaceFirst("");
  }
}
