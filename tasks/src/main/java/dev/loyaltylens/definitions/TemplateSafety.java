package dev.loyaltylens.definitions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FreeMarker constructs a template may not use, found by reading its source: built-ins that
 * reach outside the sandbox or evaluate strings as code ({@code ?new}, {@code ?api}, {@code ?eval},
 * {@code ?interpret}), ways to turn off the check on interpolations ({@code ?no_esc}, {@code
 * <#noautoesc>}, {@code <#outputformat>}, {@code <#ftl>}), {@code <#setting>}, includes and imports
 * of anything outside {@code sql/}, and {@code ${...}} that is anything but an identifier.
 * Rendering refuses a template with any of them; {@code lint} lists them all.
 */
public final class TemplateSafety {

  private static final Set<String> FORBIDDEN_BUILT_INS =
      Set.of("new", "api", "eval", "eval_json", "interpret", "no_esc");
  private static final Set<String> FORBIDDEN_DIRECTIVES =
      Set.of("ftl", "outputformat", "noautoesc", "setting");
  private static final Pattern BUILT_IN =
      Pattern.compile("(?<!\\?)\\?\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern STRING_C = Pattern.compile("(\"[^\"]*\"|'[^']*')\\s*\\?\\s*c\\b");
  private static final Pattern PLAIN_INTERPOLATION =
      Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_]*(\\?c)?\\s*");
  private static final Pattern DIRECTIVE_NAME = Pattern.compile("</?#([A-Za-z_]+)");
  private static final Pattern FIRST_ARGUMENT = Pattern.compile("\\s*(\"([^\"]*)\"|'([^']*)')");

  private TemplateSafety() {}

  /** Every forbidden construct in a template, in file order. */
  public static List<TemplateProblem> scan(Definition definition, Path sqlDir) {
    return scan(definition.displayPath(), definition.templateName(), definition.source(), sqlDir);
  }

  static List<TemplateProblem> scan(
      String display, String templateName, String source, Path sqlDir) {
    List<TemplateProblem> problems = new ArrayList<>();
    Lines lines = new Lines(source);
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("<#--", i)) {
        int end = source.indexOf("-->", i + 4);
        i = end < 0 ? source.length() : end + 3;
      } else if (source.startsWith("<#", i) || source.startsWith("</#", i)) {
        int end = endOfTag(source, i);
        directive(display, templateName, source.substring(i, end), i, lines, sqlDir, problems);
        i = end;
      } else if (source.startsWith("<@", i) || source.startsWith("</@", i)) {
        int end = endOfTag(source, i);
        builtIns(display, source.substring(i, end), i, lines, problems);
        i = end;
      } else if (source.startsWith("${", i)) {
        int end = endOfInterpolation(source, i + 2);
        interpolation(display, source.substring(i, end), i, lines, problems);
        i = end;
      } else {
        i++;
      }
    }
    return problems;
  }

  private static void directive(
      String display,
      String templateName,
      String tag,
      int offset,
      Lines lines,
      Path sqlDir,
      List<TemplateProblem> problems) {
    Matcher name = DIRECTIVE_NAME.matcher(tag);
    if (name.lookingAt()) {
      String directive = name.group(1);
      if (FORBIDDEN_DIRECTIVES.contains(directive)) {
        problems.add(
            lines.problem(
                display,
                offset,
                "<#"
                    + directive
                    + "> is not allowed in a template: it changes how"
                    + " values are written into the SQL (templates use the project's settings)"));
      } else if ((directive.equals("include") || directive.equals("import"))
          && !tag.startsWith("</")) {
        include(
            display,
            templateName,
            directive,
            tag.substring(name.end()),
            offset,
            lines,
            sqlDir,
            problems);
      }
    }
    builtIns(display, tag, offset, lines, problems);
  }

  private static void include(
      String display,
      String templateName,
      String directive,
      String arguments,
      int offset,
      Lines lines,
      Path sqlDir,
      List<TemplateProblem> problems) {
    Matcher literal = FIRST_ARGUMENT.matcher(arguments);
    if (!literal.lookingAt()) {
      problems.add(
          lines.problem(
              display,
              offset,
              "<#"
                  + directive
                  + "> takes a quoted path inside sql/, like <#"
                  + directive
                  + " \"/macros/windows.ftl\">, so that lint can check what it reads"));
      return;
    }
    String path = literal.group(2) != null ? literal.group(2) : literal.group(3);
    Path root = sqlDir.toAbsolutePath().normalize();
    String folder =
        templateName.contains("/") ? templateName.substring(0, templateName.lastIndexOf('/')) : "";
    Path target =
        path.startsWith("/")
            ? root.resolve(path.substring(1)).normalize()
            : root.resolve(folder).resolve(path).normalize();
    if (path.contains("*")
        || path.contains("://")
        || path.contains(":")
        || path.contains("\\")
        || !target.startsWith(root)) {
      problems.add(
          lines.problem(
              display,
              offset,
              "<#"
                  + directive
                  + " \""
                  + path
                  + "\"> reaches outside sql/:"
                  + " a template may read only other files under sql/"));
    } else if (!Files.isRegularFile(target)) {
      problems.add(
          lines.problem(
              display,
              offset,
              "<#"
                  + directive
                  + " \""
                  + path
                  + "\"> names "
                  + "sql/"
                  + root.relativize(target)
                  + ", which does not exist"));
    }
  }

  private static void interpolation(
      String display, String text, int offset, Lines lines, List<TemplateProblem> problems) {
    int before = problems.size();
    builtIns(display, text, offset, lines, problems);
    String inner = text.substring(2, Math.max(2, text.length() - (text.endsWith("}") ? 1 : 0)));
    if (problems.size() == before && !PLAIN_INTERPOLATION.matcher(inner).matches()) {
      problems.add(
          lines.problem(
              display,
              offset,
              "`"
                  + oneLine(text)
                  + "` is not a plain identifier like ${name}:"
                  + " an interpolation may only write an identifier (or a number with ?c) into the SQL; bind values as"
                  + " :name instead"));
    }
  }

  private static void builtIns(
      String display, String text, int offset, Lines lines, List<TemplateProblem> problems) {
    Matcher builtIn = BUILT_IN.matcher(text);
    while (builtIn.find()) {
      String name = builtIn.group(1);
      if (FORBIDDEN_BUILT_INS.contains(name)) {
        problems.add(
            lines.problem(
                display,
                offset + builtIn.start(),
                "?"
                    + name
                    + " is not allowed in a template: "
                    + (name.equals("no_esc")
                        ? "it would let a value into the SQL text unchecked; bind it as :name"
                        : "it reaches outside the template sandbox or runs a string as code")));
      }
    }
    Matcher stringC = STRING_C.matcher(text);
    while (stringC.find()) {
      problems.add(
          lines.problem(
              display,
              offset + stringC.start(),
              "?c on a string writes it in double quotes,"
                  + " which DuckDB reads as an identifier, not a string: bind the value as :name"));
    }
  }

  /** The index just past the {@code >} closing a tag: not one inside quotes or parentheses. */
  private static int endOfTag(String source, int start) {
    int depth = 0;
    char quote = 0;
    for (int i = start + 2; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (c == '>' && depth == 0) {
        return i + 1;
      }
    }
    return source.length();
  }

  /**
   * The index just past the {@code }} closing an interpolation whose body starts at {@code start}.
   */
  private static int endOfInterpolation(String source, int start) {
    int depth = 0;
    char quote = 0;
    for (int i = start; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i + 1;
        }
        depth--;
      }
    }
    return source.length();
  }

  private static String oneLine(String text) {
    String line = text.replace('\n', ' ');
    return line.length() > 60 ? line.substring(0, 57) + "..." : line;
  }

  /** Turns offsets in a text into 1-based lines and columns. */
  static final class Lines {

    private final int[] starts;

    Lines(String text) {
      List<Integer> list = new ArrayList<>();
      list.add(0);
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          list.add(i + 1);
        }
      }
      starts = list.stream().mapToInt(Integer::intValue).toArray();
    }

    int line(int offset) {
      int low = 0;
      int high = starts.length - 1;
      while (low < high) {
        int middle = (low + high + 1) >>> 1;
        if (starts[middle] <= offset) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      return low + 1;
    }

    int column(int offset) {
      return offset - starts[line(offset) - 1] + 1;
    }

    /** The offset of a 1-based line and column, clamped to the text. */
    int offset(int line, int column) {
      int index = Math.min(Math.max(line, 1), starts.length) - 1;
      return starts[index] + Math.max(column, 1) - 1;
    }

    int count() {
      return starts.length;
    }

    TemplateProblem problem(String file, int offset, String message) {
      return new TemplateProblem(file, line(offset), column(offset), message);
    }
  }
}
