package dev.loyaltylens.definitions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the header a template opens with: a FreeMarker comment ({@code <#-- ... -->}, so it never
 * reaches DuckDB) holding a YAML mapping. The YAML is only composed into nodes, never constructed
 * into objects, so no tag can create a Java type. The YAML reader is handed the file's text with
 * everything up to the header's first line blanked out, so that its marks are the file's lines and
 * columns; {@link HeaderReader} then applies the header's rules to the nodes. {@code
 * docs/ADDING_A_FEATURE.md} documents every key.
 */
final class HeaderParser {

  static final String OPEN = "<#--";
  static final String CLOSE = "-->";

  private static final LoadSettings YAML =
      LoadSettings.builder().setMaxAliasesForCollections(10).setAllowNonScalarKeys(true).build();

  private HeaderParser() {}

  /** Parses a header, failing on its first problem. */
  static TemplateHeader parse(String file, String source) {
    List<TemplateProblem> problems = new ArrayList<>();
    TemplateHeader header = parse(file, source, null, problems);
    if (!problems.isEmpty()) {
      throw new DefinitionException(problems.get(0).toString());
    }
    return header;
  }

  /**
   * Parses a header, adding every problem to {@code problems}. Returns null when there is no header
   * to read (none, or no line of it is YAML); otherwise a header of what could be read, so that
   * later checks still run.
   *
   * @param kind the template's kind, or null to skip the rules that depend on it
   */
  static TemplateHeader parse(
      String file, String source, Definition.Kind kind, List<TemplateProblem> problems) {
    int open = source.length() - source.stripLeading().length();
    int headerLine = 1 + (int) source.substring(0, open).chars().filter(c -> c == '\n').count();
    if (!source.startsWith(OPEN, open)) {
      problems.add(
          new TemplateProblem(
              file, 1, 1, "the template must open with a header comment <#-- ... -->"));
      return null;
    }
    int close = source.indexOf(CLOSE, open);
    if (close < 0) {
      problems.add(
          new TemplateProblem(file, headerLine, 1, "the header comment is never closed with -->"));
      return null;
    }
    int start = open + OPEN.length();
    int firstLineEnd = source.indexOf('\n', start);
    String afterOpen =
        source.substring(start, firstLineEnd < 0 || firstLineEnd > close ? close : firstLineEnd);
    if (!afterOpen.isBlank()) {
      int column =
          start
              - source.lastIndexOf('\n', open)
              + afterOpen.length()
              - afterOpen.stripLeading().length();
      problems.add(
          new TemplateProblem(
              file,
              headerLine,
              column,
              "the header's YAML starts on the line after "
                  + OPEN
                  + ", got `"
                  + afterOpen.strip()
                  + "` on the same line"));
      return null;
    }
    String yaml =
        source.substring(0, start).replaceAll("[^\n]", " ") + source.substring(start, close);
    boolean broken = false;
    while (true) {
      HeaderNodes nodes = new HeaderNodes(file, yaml, headerLine, problems);
      try {
        Optional<Node> root = new Compose(YAML).composeString(yaml);
        return new HeaderReader(nodes, kind, broken).read(root.orElse(null));
      } catch (MarkedYamlEngineException e) {
        // Reading on without the line at fault keeps the rest of the header, so that one slip does
        // not hide the
        // template, and every template that reads it, from the checks after this one.
        String without = blank(yaml, notYaml(nodes, e));
        if (without.equals(yaml)) {
          return null;
        }
        yaml = without;
        broken = true;
      } catch (YamlEngineException e) {
        nodes.problem(headerLine, 1, "the header is not valid YAML: " + e.getMessage());
        return null;
      }
    }
  }

  /**
   * Reports a YAML syntax error where it is, with a hint for the mistakes prose in a header makes,
   * and returns the (0-based) line at fault.
   */
  private static int notYaml(HeaderNodes nodes, MarkedYamlEngineException e) {
    String problem = e.getProblem();
    Optional<Mark> context = e.getContextMark();
    Optional<Mark> mark = e.getProblemMark();
    if (context.isPresent()
        && (mark.isEmpty() || line(nodes.yaml(), mark.get().getLine()).isBlank())) {
      // An unclosed quote is found where the text ends: the line at fault is where it opened.
      mark = context;
    }
    String message = "the header is not valid YAML: " + problem;
    if (problem.startsWith("could not find expected ':'") && context.isPresent()) {
      mark = context;
      message =
          "expected `key: value`, got `" + line(nodes.yaml(), mark.get().getLine()).strip() + "`";
    } else if (problem.startsWith("expected ','")
        && String.valueOf(e.getContext()).startsWith("while parsing a flow")
        && context.isPresent()) {
      mark = context;
      message =
          "the header is not valid YAML: the "
              + (problem.contains("'}'")
                  ? "{ opened here is never closed" + " with }"
                  : "[ opened here is never closed with ]");
    } else if (problem.startsWith("mapping values are not allowed")) {
      message += ": a value that holds `: ` is quoted, like description: 'a: b'";
    } else if (problem.contains("TAB")) {
      message =
          "the header is not valid YAML: a tab where YAML allows only spaces: indent with spaces";
    }
    nodes.problem(
        mark.map(m -> m.getLine() + 1).orElse(nodes.headerLine()),
        mark.map(m -> m.getColumn() + 1).orElse(1),
        message);
    return mark.map(Mark::getLine).orElse(-1);
  }

  private static String line(String text, int line) {
    return text.lines().skip(line).findFirst().orElse("");
  }

  /**
   * The text with one line's characters turned into blanks, so that every other mark stays where it
   * was.
   */
  private static String blank(String text, int line) {
    String[] lines = text.split("\n", -1);
    if (line < 0 || line >= lines.length) {
      return text;
    }
    lines[line] = " ".repeat(lines[line].length());
    return String.join("\n", lines);
  }

  /** " (did you mean `x`?)" for a near miss, or nothing. */
  static String suggestion(String typed, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(typed.toLowerCase(Locale.ROOT), candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(2, typed.length() / 3)
        ? " (did you mean `" + best + "`?)"
        : "";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  static List<String> splitList(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
