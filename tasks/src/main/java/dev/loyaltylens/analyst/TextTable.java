package dev.loyaltylens.analyst;

import java.util.List;

/** Tables for the terminal: columns padded to their widest cell. */
final class TextTable {

  private TextTable() {}

  /**
   * A table with {@code |} between the cells, as fixtures write them; the first row is the header.
   */
  static String pipes(List<List<String>> rows) {
    int[] widths = widths(rows);
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      text.append('|');
      for (int c = 0; c < widths.length; c++) {
        String cell = c < row.size() ? row.get(c) : "";
        text.append(' ').append(pad(cell, widths[c])).append(" |");
      }
      text.append('\n');
    }
    return text.toString().stripTrailing();
  }

  /** A plain table: the header, a rule, then the rows. */
  static String plain(List<List<String>> rows) {
    int[] widths = widths(rows);
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < widths.length; c++) {
        line.append(c == 0 ? "" : "  ").append(pad(c < row.size() ? row.get(c) : "", widths[c]));
      }
      text.append(line.toString().stripTrailing()).append('\n');
      if (r == 0) {
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
          rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        text.append(rule).append('\n');
      }
    }
    return text.toString().stripTrailing();
  }

  private static int[] widths(List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    return widths;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
