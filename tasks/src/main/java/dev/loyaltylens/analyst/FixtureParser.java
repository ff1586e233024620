package dev.loyaltylens.analyst;

import dev.loyaltylens.definitions.TemplateProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a fixture file. The format is plain text an analyst edits by hand:
 *
 * <pre>
 * # What the fixture shows (lines starting with # are comments, and so is anything after " #").
 * as_of: 2026-11-24T00:00:00Z
 * lookback_days: 180          (optional, 180 by default)
 * tolerance: 1e-9             (optional: how far a DOUBLE may be from its expected value)
 *
 * events:
 * | customer_id | event_type | event_ts | amount | channel |
 * | ann         | purchase   | T-1d2h   | 10.0   | web     |   # 26 hours before as_of
 *
 * expect:
 * | customer_id | recency_days |
 * | ann         | 1            |
 * </pre>
 *
 * Times are ISO instants or relative to as_of: {@code T}, {@code T-30d}, {@code T-1d2h}, {@code
 * T+1d} (units d, h, m, s). An empty cell or {@code null} is a missing value; {@code event_id} is
 * optional. The expect table lists exactly the customers the features should hold, one column per
 * feature checked; a number may be written as arithmetic ({@code 0.30 * 89/90 + 0.025}) so the
 * working stays visible.
 *
 * <p>This stays a hand parser, on purpose: no library reads this form, and the form is what an
 * analyst reads and writes. Its tables have aligned columns, an empty cell for a missing value and
 * a {@code # why} note at the end of a row, and {@code test} prints the computed values as the same
 * table, to paste back under {@code expect:}. CSV (commons-csv) takes comments only at the start of
 * a line and gives no column for a cell. YAML would put brackets and commas around every row and
 * spell a missing value {@code ~}. A Markdown table parser (commonmark's GFM tables) needs a {@code
 * |---|} line under each header and silently drops a row's extra cells. Splitting a line into cells
 * ({@link #cells}, {@link #withoutComment}) is the small part of this class. The rest (relative
 * times, the columns each table may have, customers listed once, every problem's line) would stay
 * with any library.
 */
final class FixtureParser {

  static final String SUFFIX = ".test.txt";

  private static final Set<String> EVENT_COLUMNS = EventsContract.TYPES.keySet();
  private static final Pattern RELATIVE =
      Pattern.compile("T\\s*(?:([+-])\\s*((?:\\d+\\s*[dhms]\\s*)+))?");
  private static final Pattern PART = Pattern.compile("(\\d+)\\s*([dhms])");

  private FixtureParser() {}

  static Fixture parse(Path file, String display) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FixtureFormatException(
          new TemplateProblem(display, 1, 1, "could not read: " + e.getMessage()));
    }
    return new Reader(file, display, lines).read();
  }

  /** Reads {@code T-1d2h}-style times and ISO instants; null when the text is neither. */
  static Instant time(String text, Instant asOf) {
    Matcher relative = RELATIVE.matcher(text.strip());
    if (relative.matches()) {
      if (relative.group(1) == null) {
        return asOf;
      }
      Duration offset = Duration.ZERO;
      Matcher part = PART.matcher(relative.group(2));
      while (part.find()) {
        long amount = Long.parseLong(part.group(1));
        offset =
            offset.plus(
                switch (part.group(2)) {
                  case "d" -> Duration.ofDays(amount);
                  case "h" -> Duration.ofHours(amount);
                  case "m" -> Duration.ofMinutes(amount);
                  default -> Duration.ofSeconds(amount);
                });
      }
      return relative.group(1).equals("-") ? asOf.minus(offset) : asOf.plus(offset);
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDateTime.parse(text.strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /** One pass over the file's lines. */
  private static final class Reader {

    private final Path file;
    private final String display;
    private final List<String> lines;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, Integer> settingLines = new LinkedHashMap<>();
    private List<String> eventHeader;
    private int eventHeaderLine;
    private final List<Row> eventRows = new ArrayList<>();
    private List<String> expectHeader;
    private final List<Row> expectRows = new ArrayList<>();

    private record Row(int line, List<String> cells) {}

    Reader(Path file, String display, List<String> lines) {
      this.file = file;
      this.display = display;
      this.lines = lines;
    }

    Fixture read() {
      String section = null;
      for (int i = 0; i < lines.size(); i++) {
        int number = i + 1;
        String line = withoutComment(lines.get(i));
        if (line.isBlank()) {
          if (section != null && isTable(section) && tableStarted(section)) {
            section = null;
          }
          continue;
        }
        String stripped = line.strip();
        if (stripped.equals("events:") || stripped.equals("expect:")) {
          section = stripped.substring(0, stripped.length() - 1);
          if ((section.equals("events") ? eventHeader : expectHeader) != null) {
            throw problem(
                number,
                1,
                "a second `"
                    + stripped
                    + "` section: a fixture has one events table and one"
                    + " expect table (put another case in another file)");
          }
          continue;
        }
        if (section != null) {
          List<String> cells = cells(stripped);
          if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
            continue;
          }
          if (section.equals("events")) {
            if (eventHeader == null) {
              eventHeader = cells;
              eventHeaderLine = number;
            } else {
              eventRows.add(new Row(number, cells));
            }
          } else if (expectHeader == null) {
            expectHeader = cells;
          } else {
            expectRows.add(new Row(number, cells));
          }
          continue;
        }
        int colon = stripped.indexOf(':');
        if (colon <= 0 || stripped.startsWith("|")) {
          throw problem(
              number, 1, "expected `as_of: ...`, `events:` or `expect:`, got `" + stripped + "`");
        }
        String key = stripped.substring(0, colon).strip();
        if (!Set.of("as_of", "lookback_days", "tolerance").contains(key)) {
          throw problem(
              number,
              1,
              "unknown setting `"
                  + key
                  + "`: a fixture has as_of:, lookback_days: and"
                  + " tolerance:, then an events: table and an expect: table");
        }
        settings.put(key, stripped.substring(colon + 1).strip());
        settingLines.put(key, number);
      }
      return build();
    }

    private Fixture build() {
      if (!settings.containsKey("as_of")) {
        throw problem(
            1,
            1,
            "no `as_of:` line: write the instant the features are computed as of, like"
                + " `as_of: 2026-11-24T00:00:00Z`");
      }
      Instant asOf = time(settings.get("as_of"), Instant.EPOCH);
      if (asOf == null || settings.get("as_of").startsWith("T")) {
        throw problem(
            settingLines.get("as_of"),
            1,
            "as_of must be an instant like 2026-11-24T00:00:00Z, got `"
                + settings.get("as_of")
                + "`");
      }
      int lookback = integerSetting("lookback_days", 180);
      double tolerance = doubleSetting("tolerance", 1e-9);
      if (eventHeader == null) {
        throw problem(
            lines.size(), 1, "no `events:` table: list the events the fixture computes from");
      }
      if (expectHeader == null || expectRows.isEmpty() && expectHeader.isEmpty()) {
        throw problem(
            lines.size(),
            1,
            "no `expect:` table: list customer_id and the expected feature values");
      }
      return new Fixture(
          file,
          display,
          asOf,
          lookback,
          tolerance,
          events(asOf),
          expectHeader.subList(1, expectHeader.size()),
          expected());
    }

    private List<Fixture.Event> events(Instant asOf) {
      for (String column : eventHeader) {
        if (!EVENT_COLUMNS.contains(column)) {
          throw problem(
              eventHeaderLine,
              1,
              "unknown events column `" + column + "`: use " + String.join(", ", EVENT_COLUMNS));
        }
      }
      for (String required : List.of("customer_id", "event_type", "event_ts")) {
        if (!eventHeader.contains(required)) {
          throw problem(eventHeaderLine, 1, "the events table needs a `" + required + "` column");
        }
      }
      List<Fixture.Event> events = new ArrayList<>();
      for (Row row : eventRows) {
        Map<String, String> cells = byColumn(row, eventHeader);
        String ts = cells.get("event_ts");
        Instant eventTs = ts == null ? null : time(ts, asOf);
        if (ts != null && eventTs == null) {
          throw problem(
              row.line(),
              column(row, ts),
              "`"
                  + ts
                  + "` is not a time: write T, T-30d, T-1d2h or an"
                  + " instant like 2026-11-24T00:00:00Z");
        }
        String amount = cells.get("amount");
        Double value = null;
        if (amount != null) {
          try {
            value = Double.parseDouble(amount);
          } catch (NumberFormatException e) {
            throw problem(
                row.line(), column(row, amount), "amount `" + amount + "` is not a number");
          }
        }
        String id = cells.getOrDefault("event_id", null);
        events.add(
            new Fixture.Event(
                row.line(),
                id == null && !eventHeader.contains("event_id") ? "e" + (events.size() + 1) : id,
                cells.get("customer_id"),
                cells.get("event_type"),
                eventTs,
                value,
                cells.get("channel")));
      }
      return events;
    }

    private List<Fixture.Expected> expected() {
      if (expectHeader.size() < 2 || !expectHeader.get(0).equals("customer_id")) {
        throw problem(
            expectRows.isEmpty() ? lines.size() : expectRows.get(0).line() - 1,
            1,
            "the expect table's"
                + " header is customer_id then one column per feature, like `| customer_id | recency_days |`");
      }
      List<Fixture.Expected> expected = new ArrayList<>();
      Set<String> seen = new java.util.HashSet<>();
      for (Row row : expectRows) {
        Map<String, String> cells = byColumn(row, expectHeader);
        String customer = cells.get("customer_id");
        if (customer == null || !seen.add(customer)) {
          throw problem(
              row.line(),
              1,
              customer == null
                  ? "a row without customer_id"
                  : "customer `" + customer + "` is listed twice");
        }
        Map<String, String> values = new LinkedHashMap<>(cells);
        values.remove("customer_id");
        expected.add(new Fixture.Expected(row.line(), customer, values));
      }
      return expected;
    }

    private Map<String, String> byColumn(Row row, List<String> header) {
      if (row.cells().size() != header.size()) {
        throw problem(
            row.line(),
            1,
            "this row has "
                + row.cells().size()
                + " cells, and the header "
                + header.size()
                + " ("
                + String.join(", ", header)
                + ")");
      }
      Map<String, String> cells = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        String cell = row.cells().get(c);
        cells.put(header.get(c), cell.isEmpty() || cell.equals("null") ? null : cell);
      }
      return cells;
    }

    private int column(Row row, String cell) {
      return Math.max(1, lines.get(row.line() - 1).indexOf(cell) + 1);
    }

    private int integerSetting(String key, int fallback) {
      String text = settings.get(key);
      try {
        return text == null ? fallback : Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw problem(
            settingLines.get(key), 1, key + " must be a whole number, got `" + text + "`");
      }
    }

    private double doubleSetting(String key, double fallback) {
      String text = settings.get(key);
      try {
        return text == null ? fallback : Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw problem(settingLines.get(key), 1, key + " must be a number, got `" + text + "`");
      }
    }

    private boolean tableStarted(String section) {
      return section.equals("events") ? eventHeader != null : expectHeader != null;
    }

    private static boolean isTable(String section) {
      return section.equals("events") || section.equals("expect");
    }

    private FixtureFormatException problem(int line, int column, String message) {
      return new FixtureFormatException(new TemplateProblem(display, line, column, message));
    }
  }

  /** The cells of a table row: {@code | a | b |} or {@code a | b}. */
  static List<String> cells(String line) {
    String text = line.strip();
    if (text.startsWith("|")) {
      text = text.substring(1);
    }
    if (text.endsWith("|")) {
      text = text.substring(0, text.length() - 1);
    }
    List<String> cells = new ArrayList<>();
    for (String cell : text.split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  /** The line without a comment: {@code #} at its start or after a blank starts one. */
  static String withoutComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
