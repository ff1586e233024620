package dev.loyaltylens.definitions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the header a template opens with: a FreeMarker comment ({@code <#-- ... -->}, so it never reaches DuckDB)
 * holding {@code key: value} lines, a {@code checks:} list and a {@code params:} block.
 */
final class HeaderParser {

  static final String OPEN = "<#--";
  static final String CLOSE = "-->";

  private HeaderParser() {}

  static TemplateHeader parse(String file, String source) {
    String text = source.stripLeading();
    int leadingLines = (int) source.substring(0, source.length() - text.length()).chars().filter(c -> c == '\n').count();
    if (!text.startsWith(OPEN)) {
      throw new DefinitionException(file + ":1:1: the template must open with a header comment <#-- ... -->");
    }
    int end = text.indexOf(CLOSE);
    if (end < 0) {
      throw new DefinitionException(file + ":" + (leadingLines + 1) + ":1: the header comment is never closed with -->");
    }
    String[] lines = text.substring(OPEN.length(), end).split("\n", -1);
    Map<String, String> fields = new LinkedHashMap<>();
    List<String> dependsOn = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    Map<String, BigDecimal> params = new LinkedHashMap<>();
    String block = null;
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      String line = raw.strip();
      String where = file + ":" + (leadingLines + i + 1) + ":" + (raw.indexOf(line.isEmpty() ? " " : line) + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean indented = Character.isWhitespace(raw.charAt(0));
      if (indented && "checks".equals(block)) {
        checks.add(parseCheck(where, line));
      } else if (indented && "params".equals(block)) {
        String[] pair = keyValue(where, line);
        try {
          params.put(pair[0], new BigDecimal(pair[1]));
        } catch (NumberFormatException e) {
          throw new DefinitionException(where + ": param `" + pair[0] + "` must be a number, got `" + pair[1] + "`");
        }
      } else {
        String[] pair = keyValue(where, line);
        block = null;
        switch (pair[0]) {
          case "checks", "params" -> {
            if (!pair[1].isEmpty()) {
              throw new DefinitionException(where + ": `" + pair[0] + ":` takes an indented list on the next lines");
            }
            block = pair[0];
          }
          case "depends_on" -> dependsOn.addAll(splitList(pair[1]));
          default -> fields.put(pair[0], pair[1]);
        }
      }
    }
    return new TemplateHeader(fields, dependsOn, checks, params);
  }

  /** The number of lines the header spans, so that SQL errors can be mapped back to template lines. */
  static int headerEndOffset(String source) {
    int end = source.indexOf(CLOSE);
    return end < 0 ? 0 : end + CLOSE.length();
  }

  private static Check parseCheck(String where, String line) {
    if (!line.startsWith("- ")) {
      throw new DefinitionException(where + ": a check is a list item, like `- not_null`");
    }
    String item = line.substring(2).strip();
    if (item.equals("not_null")) {
      return new Check.NotNull();
    }
    String[] pair = keyValue(where, item);
    List<String> values = bracketList(where, pair[1]);
    switch (pair[0]) {
      case "range" -> {
        if (values.size() != 2) {
          throw new DefinitionException(where + ": range takes two bounds, like `- range: [0, 1]`");
        }
        try {
          double min = Double.parseDouble(values.get(0));
          double max = Double.parseDouble(values.get(1));
          if (min > max) {
            throw new DefinitionException(where + ": range [" + values.get(0) + ", " + values.get(1) + "] is empty");
          }
          return new Check.Range(min, max);
        } catch (NumberFormatException e) {
          throw new DefinitionException(where + ": range bounds must be numbers, got " + pair[1]);
        }
      }
      case "accepted_values" -> {
        if (values.isEmpty()) {
          throw new DefinitionException(where + ": accepted_values needs at least one value");
        }
        return new Check.AcceptedValues(values);
      }
      default -> throw new DefinitionException(
          where + ": unknown check `" + pair[0] + "`: use not_null, range: [min, max] or accepted_values: [a, b]");
    }
  }

  private static String[] keyValue(String where, String line) {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new DefinitionException(where + ": expected `key: value`, got `" + line + "`");
    }
    return new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()};
  }

  private static List<String> bracketList(String where, String value) {
    if (!value.startsWith("[") || !value.endsWith("]")) {
      throw new DefinitionException(where + ": expected a list in brackets, like [a, b], got `" + value + "`");
    }
    return splitList(value.substring(1, value.length() - 1));
  }

  static List<String> splitList(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
