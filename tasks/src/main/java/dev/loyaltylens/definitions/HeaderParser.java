package dev.loyaltylens.definitions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the header a template opens with: a FreeMarker comment ({@code <#-- ... -->}, so it never reaches DuckDB)
 * holding {@code key: value} lines, a {@code checks:} list and a {@code params:} block. The format is strict: an
 * unknown or repeated key, a missing required one, or a check that does not fit the column's type is a problem
 * located at its line and column. {@code docs/ADDING_A_FEATURE.md} documents every key.
 */
final class HeaderParser {

  static final String OPEN = "<#--";
  static final String CLOSE = "-->";

  /** Every key a header may hold, and the kind of template it belongs to (null: both). */
  static final Map<String, Definition.Kind> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("description", null);
    KEYS.put("grain", null);
    KEYS.put("owner", null);
    KEYS.put("depends_on", null);
    KEYS.put("params", null);
    KEYS.put("unit", Definition.Kind.FEATURE);
    KEYS.put("type", Definition.Kind.FEATURE);
    KEYS.put("checks", Definition.Kind.FEATURE);
    KEYS.put("materialized", Definition.Kind.STAGING);
    KEYS.put("skip_when_empty", Definition.Kind.STAGING);
    KEYS.put("requires_columns", Definition.Kind.STAGING);
  }

  static final List<String> REQUIRED_FOR_FEATURES = List.of("description", "owner", "unit", "type");
  static final List<String> REQUIRED_FOR_STAGING = List.of("description", "owner");

  /** Column types a feature may declare, as DuckDB names them in DESCRIBE and information_schema. */
  static final Set<String> TYPES =
      Set.of("BOOLEAN", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE", "VARCHAR", "DATE", "TIMESTAMP");

  static final Set<String> NUMERIC_TYPES = Set.of("SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE");

  private static final Map<String, String> TYPE_ALIASES =
      Map.ofEntries(
          Map.entry("INT", "INTEGER"), Map.entry("INT4", "INTEGER"), Map.entry("INT8", "BIGINT"),
          Map.entry("LONG", "BIGINT"), Map.entry("FLOAT8", "DOUBLE"), Map.entry("REAL", "FLOAT"),
          Map.entry("FLOAT4", "FLOAT"), Map.entry("NUMERIC", "DOUBLE"), Map.entry("STRING", "VARCHAR"),
          Map.entry("TEXT", "VARCHAR"), Map.entry("BOOL", "BOOLEAN"), Map.entry("DATETIME", "TIMESTAMP"));

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\(\\d{1,2},\\s*\\d{1,2}\\)");

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
   * Parses a header, adding every problem to {@code problems}. Returns null when there is no header to read;
   * otherwise a header of what could be read, so that later checks still run.
   *
   * @param kind the template's kind, or null to skip the rules that depend on it
   */
  static TemplateHeader parse(String file, String source, Definition.Kind kind, List<TemplateProblem> problems) {
    String text = source.stripLeading();
    int leadingLines = (int) source.substring(0, source.length() - text.length()).chars().filter(c -> c == '\n').count();
    if (!text.startsWith(OPEN)) {
      problems.add(new TemplateProblem(file, 1, 1, "the template must open with a header comment <#-- ... -->"));
      return null;
    }
    int end = text.indexOf(CLOSE);
    if (end < 0) {
      problems.add(new TemplateProblem(file, leadingLines + 1, 1, "the header comment is never closed with -->"));
      return null;
    }
    return new Reader(file, kind, problems).read(text.substring(OPEN.length(), end).split("\n", -1), leadingLines);
  }

  /** One pass over the header's lines. */
  private static final class Reader {

    private final String file;
    private final Definition.Kind kind;
    private final List<TemplateProblem> problems;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<String> dependsOn = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, BigDecimal> params = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final Map<String, Integer> valueColumns = new LinkedHashMap<>();
    private final List<int[]> checkPositions = new ArrayList<>();

    Reader(String file, Definition.Kind kind, List<TemplateProblem> problems) {
      this.file = file;
      this.kind = kind;
      this.problems = problems;
    }

    TemplateHeader read(String[] rawLines, int leadingLines) {
      String block = null;
      String lastScalar = null;
      for (int i = 0; i < rawLines.length; i++) {
        String raw = rawLines[i];
        String line = raw.strip();
        int lineNumber = leadingLines + i + 1;
        int column = raw.indexOf(line.isEmpty() ? " " : line) + 1 + (i == 0 ? OPEN.length() : 0);
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        boolean indented = Character.isWhitespace(raw.charAt(0)) && i > 0;
        if (indented && "checks".equals(block)) {
          readCheck(lineNumber, column, line);
        } else if (indented && "params".equals(block)) {
          readParam(lineNumber, column, line);
        } else if (indented && lastScalar != null) {
          fields.put(lastScalar, (fields.get(lastScalar) + " " + line).strip());
        } else if (indented) {
          problem(lineNumber, column, "unexpected indented line `" + line + "`: only checks: and params: take"
              + " indented lines");
        } else {
          block = null;
          lastScalar = null;
          int colon = line.indexOf(':');
          if (colon <= 0) {
            problem(lineNumber, column, "expected `key: value`, got `" + line + "`");
            continue;
          }
          String key = line.substring(0, colon).strip();
          String value = line.substring(colon + 1).strip();
          int valueColumn = column + colon + 1 + (line.length() - colon - 1 - line.substring(colon + 1).stripLeading().length());
          if (!acceptKey(lineNumber, column, key)) {
            continue;
          }
          lines.put(key, lineNumber);
          valueColumns.put(key, valueColumn);
          switch (key) {
            case "checks", "params" -> {
              if (!value.isEmpty()) {
                problem(lineNumber, valueColumn, "`" + key + ":` takes an indented list on the next lines, like `"
                    + ("checks".equals(key) ? "  - not_null" : "  weight: 0.5") + "`");
              }
              block = key;
            }
            case "depends_on" -> readDependsOn(lineNumber, valueColumn, value);
            default -> {
              fields.put(key, value);
              lastScalar = key;
            }
          }
        }
      }
      validate(leadingLines + 1);
      return new TemplateHeader(fields, dependsOn, checks, params, lines);
    }

    private boolean acceptKey(int line, int column, String key) {
      if (!KEYS.containsKey(key)) {
        problem(line, column, "unknown header key `" + key + "`" + suggestion(key, KEYS.keySet())
            + ": a header holds " + String.join(", ", KEYS.keySet()));
        return false;
      }
      if (lines.containsKey(key)) {
        problem(line, column, "`" + key + "` is declared twice (first on line " + lines.get(key) + ")");
        return false;
      }
      Definition.Kind only = KEYS.get(key);
      if (kind != null && only != null && only != kind) {
        problem(line, column, "`" + key + "` applies to " + (only == Definition.Kind.FEATURE
            ? "features (sql/features/) only" : "staging models (sql/staging/) only"));
        return false;
      }
      return true;
    }

    private void readDependsOn(int line, int column, String value) {
      for (String name : splitList(value)) {
        if (!NAME.matcher(name).matches()) {
          problem(line, column + value.indexOf(name), "depends_on names `" + name + "`, which is not a template"
              + " name (lower case letters, digits and _)");
        } else if (dependsOn.contains(name)) {
          problem(line, column + value.indexOf(name), "depends_on lists `" + name + "` twice");
        } else {
          dependsOn.add(name);
        }
      }
    }

    private void readParam(int line, int column, String text) {
      int colon = text.indexOf(':');
      if (colon <= 0) {
        problem(line, column, "a param is `name: number`, got `" + text + "`");
        return;
      }
      String name = text.substring(0, colon).strip();
      String value = text.substring(colon + 1).strip();
      int valueColumn = column + text.indexOf(value, colon);
      if (!NAME.matcher(name).matches()) {
        problem(line, column, "param `" + name + "` is not a valid name: use lower case letters, digits and _");
      } else if (RunValues.NAMES.contains(name)) {
        problem(line, column, "param `" + name + "` would shadow the run value :" + name + ": pick another name");
      } else if (params.containsKey(name)) {
        problem(line, column, "param `" + name + "` is declared twice");
      } else {
        try {
          params.put(name, new BigDecimal(value));
          lines.put("params." + name, line);
        } catch (NumberFormatException e) {
          problem(line, valueColumn, "param `" + name + "` must be a number, got `" + value + "`: params are bound"
              + " as :" + name + ", and only numbers are");
        }
      }
    }

    private void readCheck(int line, int column, String text) {
      if (!text.startsWith("- ")) {
        problem(line, column, "a check is a list item, like `- not_null`, got `" + text + "`");
        return;
      }
      String item = text.substring(2).strip();
      int itemColumn = column + text.indexOf(item, 1);
      Check check = parseCheck(line, itemColumn, item);
      if (check == null) {
        return;
      }
      if (checks.stream().anyMatch(c -> c.getClass() == check.getClass())) {
        problem(line, itemColumn, "`" + item + "` repeats a check of the same kind: keep one");
        return;
      }
      lines.put("checks." + checks.size(), line);
      checkPositions.add(new int[] {line, itemColumn});
      checks.add(check);
    }

    private Check parseCheck(int line, int column, String item) {
      if (item.equals("not_null")) {
        return new Check.NotNull();
      }
      int colon = item.indexOf(':');
      if (colon <= 0) {
        problem(line, column, "unknown check `" + item + "`: use not_null, range: [min, max] or"
            + " accepted_values: [a, b]");
        return null;
      }
      String name = item.substring(0, colon).strip();
      String value = item.substring(colon + 1).strip();
      int valueColumn = column + item.indexOf(value, colon);
      if (!value.startsWith("[") || !value.endsWith("]")) {
        problem(line, valueColumn, "expected a list in brackets, like [a, b], got `" + value + "`");
        return null;
      }
      List<String> values = splitList(value.substring(1, value.length() - 1));
      switch (name) {
        case "range" -> {
          if (values.size() != 2) {
            problem(line, valueColumn, "range takes two bounds, like `- range: [0, 1]`");
            return null;
          }
          try {
            double min = Double.parseDouble(values.get(0));
            double max = Double.parseDouble(values.get(1));
            if (min > max) {
              problem(line, valueColumn, "range [" + values.get(0) + ", " + values.get(1) + "] is empty");
              return null;
            }
            return new Check.Range(min, max);
          } catch (NumberFormatException e) {
            problem(line, valueColumn, "range bounds must be numbers, got " + value);
            return null;
          }
        }
        case "accepted_values" -> {
          if (values.isEmpty()) {
            problem(line, valueColumn, "accepted_values needs at least one value");
            return null;
          }
          if (new LinkedHashSet<>(values).size() != values.size()) {
            problem(line, valueColumn, "accepted_values lists a value twice");
            return null;
          }
          return new Check.AcceptedValues(values);
        }
        default -> {
          problem(line, column, "unknown check `" + name + "`" + suggestion(name, List.of("not_null", "range",
              "accepted_values")) + ": use not_null, range: [min, max] or accepted_values: [a, b]");
          return null;
        }
      }
    }

    private void validate(int headerLine) {
      if (kind != null) {
        for (String key : kind == Definition.Kind.FEATURE ? REQUIRED_FOR_FEATURES : REQUIRED_FOR_STAGING) {
          if (!lines.containsKey(key)) {
            problem(headerLine, 1, "the header has no `" + key + ":` line, which every "
                + (kind == Definition.Kind.FEATURE ? "feature" : "staging model") + " needs");
          } else if (!"checks".equals(key) && fields.getOrDefault(key, "").isBlank()) {
            problem(lines.get(key), valueColumns.get(key), "`" + key + ":` is empty");
          }
        }
      }
      String type = fields.get("type");
      if (type != null && !type.isBlank()) {
        String upper = type.strip().toUpperCase(Locale.ROOT);
        if (!TYPES.contains(upper) && !DECIMAL.matcher(upper).matches()) {
          String alias = TYPE_ALIASES.get(upper);
          problem(lines.get("type"), valueColumns.get("type"), "type `" + type + "` is not a column type a feature"
              + " can have" + (alias == null ? "" : ": write " + alias) + " (use one of "
              + String.join(", ", TYPES.stream().sorted().toList()) + " or DECIMAL(p,s))");
        } else {
          validateChecks(upper);
        }
      }
      String materialized = fields.get("materialized");
      if (materialized != null && !materialized.equals("table") && !materialized.equals("ephemeral")) {
        problem(lines.get("materialized"), valueColumns.get("materialized"), "materialized is `table` (a temporary"
            + " table the run makes once) or `ephemeral` (inlined where read), got `" + materialized + "`");
      }
      String skip = fields.get("skip_when_empty");
      if (skip != null && !dependsOn.contains(skip)) {
        problem(lines.get("skip_when_empty"), valueColumns.get("skip_when_empty"), "skip_when_empty names `" + skip
            + "`, which is not in depends_on");
      }
    }

    private void validateChecks(String type) {
      boolean numeric = NUMERIC_TYPES.contains(type) || type.startsWith("DECIMAL");
      for (int i = 0; i < checks.size(); i++) {
        Check check = checks.get(i);
        int[] at = checkPositions.get(i);
        if (check instanceof Check.Range && !numeric) {
          problem(at[0], at[1], "range applies to numeric columns, and this feature is " + type
              + ": use accepted_values: [...] instead");
        }
        if (check instanceof Check.AcceptedValues accepted && numeric) {
          for (String value : accepted.values()) {
            try {
              Double.parseDouble(value);
            } catch (NumberFormatException e) {
              problem(at[0], at[1], "accepted value `" + value + "` is not a number, and this feature is " + type);
            }
          }
        }
        if (check instanceof Check.AcceptedValues accepted && type.equals("BOOLEAN")) {
          for (String value : accepted.values()) {
            if (!value.equals("true") && !value.equals("false")) {
              problem(at[0], at[1], "accepted value `" + value + "` is not true or false, and this feature is BOOLEAN");
            }
          }
        }
      }
    }

    private void problem(int line, int column, String message) {
      problems.add(new TemplateProblem(file, line, column, message));
    }
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
    return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? " (did you mean `" + best + "`?)" : "";
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
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
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
