package dev.loyaltylens.definitions;

import java.util.Comparator;

/**
 * One problem in a file an analyst edits, located like a compiler would: {@code file:line:column:
 * message}.
 *
 * @param file the path a user sees, such as {@code sql/features/recency_days.sql.ftl}
 * @param line 1-based line in that file
 * @param column 1-based column in that line
 */
public record TemplateProblem(String file, int line, int column, String message)
    implements Comparable<TemplateProblem> {

  private static final Comparator<TemplateProblem> ORDER =
      Comparator.comparing(TemplateProblem::file)
          .thenComparingInt(TemplateProblem::line)
          .thenComparingInt(TemplateProblem::column)
          .thenComparing(TemplateProblem::message);

  public TemplateProblem {
    line = Math.max(1, line);
    column = Math.max(1, column);
  }

  /** The location alone, {@code file:line:column}. */
  public String location() {
    return file + ":" + line + ":" + column;
  }

  @Override
  public String toString() {
    return location() + ": " + message;
  }

  @Override
  public int compareTo(TemplateProblem other) {
    return ORDER.compare(this, other);
  }
}
