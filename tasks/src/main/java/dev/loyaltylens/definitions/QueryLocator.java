package dev.loyaltylens.definitions;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps an error DuckDB reports on a composed statement back to the template line that wrote the
 * failing SQL. DuckDB shows the failing line of the statement ({@code LINE 7: ...}) with a caret
 * under the failing token; the statement is the templates' rendered SQL put together, so that line
 * falls inside one of them.
 */
public final class QueryLocator {

  private static final Pattern LINE = Pattern.compile("LINE (\\d+): ?(.*)\\R( *)\\^");

  private record Part(int start, RenderedTemplate template) {}

  private final String statement;
  private final List<Part> parts = new ArrayList<>();
  private final RenderedTemplate target;

  /**
   * @param statement the exact text DuckDB ran
   * @param rendered the templates whose SQL the statement holds, in the order they appear in it
   * @param target the template the statement is about, blamed when no line can be found
   */
  public QueryLocator(String statement, List<RenderedTemplate> rendered, RenderedTemplate target) {
    this.statement = statement;
    this.target = target;
    int from = 0;
    for (RenderedTemplate template : rendered) {
      int start = statement.indexOf(template.sql(), from);
      if (start >= 0) {
        parts.add(new Part(start, template));
        from = start + template.sql().length();
      }
    }
  }

  /**
   * The template position of a DuckDB error: the caret's place when DuckDB shows one, else the
   * target's start.
   */
  public SourcePosition locate(String duckDbMessage) {
    OptionalInt offset = offsetOf(statement, duckDbMessage);
    return offset.isPresent() ? locate(offset.getAsInt()) : target.sourceOf(0);
  }

  /** The template position of a character of the statement, counted from its start. */
  public SourcePosition locate(int offset) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      Part part = parts.get(i);
      if (offset >= part.start() && offset <= part.start() + part.template().sql().length()) {
        return part.template().sourceOf(offset - part.start());
      }
    }
    return target.sourceOf(0);
  }

  /**
   * Where in a statement a DuckDB message points, when it shows the line ({@code LINE 7: ...}) and
   * a caret.
   */
  public static OptionalInt offsetOf(String statement, String duckDbMessage) {
    Matcher matcher = LINE.matcher(String.valueOf(duckDbMessage));
    if (!matcher.find()) {
      return OptionalInt.empty();
    }
    int line = Integer.parseInt(matcher.group(1));
    String shown = matcher.group(2);
    int caret = matcher.group(3).length() - ("LINE " + matcher.group(1) + ": ").length();
    TemplateSafety.Lines lines = new TemplateSafety.Lines(statement);
    if (line > lines.count()) {
      return OptionalInt.empty();
    }
    int lineStart = lines.offset(line, 1);
    int lineEnd = statement.indexOf('\n', lineStart);
    String actual = statement.substring(lineStart, lineEnd < 0 ? statement.length() : lineEnd);
    int column = Math.max(0, caret);
    if (shown.startsWith("...")) {
      String snippet = shown.substring(3);
      int at = actual.indexOf(snippet.length() > 20 ? snippet.substring(0, 20) : snippet);
      column = at < 0 ? 0 : at + Math.max(0, caret - 3);
    }
    return OptionalInt.of(lineStart + Math.min(column, Math.max(0, actual.length())));
  }
}
