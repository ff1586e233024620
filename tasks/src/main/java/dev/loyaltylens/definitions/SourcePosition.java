package dev.loyaltylens.definitions;

/**
 * A place in a template file, such as where a rendered SQL line came from.
 *
 * @param file the path a user sees, such as {@code sql/features/recency_days.sql.ftl}
 */
public record SourcePosition(String file, int line, int column) {

  public TemplateProblem problem(String message) {
    return new TemplateProblem(file, line, column, message);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
