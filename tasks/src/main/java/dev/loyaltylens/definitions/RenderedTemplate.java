package dev.loyaltylens.definitions;

import java.util.List;

/**
 * A template rendered into SQL, with where each part of the SQL came from in the template files, so
 * that an error DuckDB reports on the SQL can be shown at the template line that wrote it.
 */
public final class RenderedTemplate {

  /**
   * A run of output that one template element wrote: text copied from the source, or an
   * interpolation.
   */
  record Segment(int outputStart, String file, int line, int column, boolean text) {}

  private final Definition definition;
  private final String sql;
  private final List<Segment> segments;

  RenderedTemplate(Definition definition, String sql, List<Segment> segments) {
    this.definition = definition;
    this.sql = sql;
    this.segments = List.copyOf(segments);
  }

  public Definition definition() {
    return definition;
  }

  /** The SQL, as compute runs it (without the header, surrounding blank space stripped). */
  public String sql() {
    return sql;
  }

  /** Where the character at {@code offset} of {@link #sql()} was written from. */
  public SourcePosition sourceOf(int offset) {
    int clamped = Math.max(0, Math.min(offset, Math.max(0, sql.length() - 1)));
    Segment segment = null;
    for (Segment candidate : segments) {
      if (candidate.outputStart() <= clamped) {
        segment = candidate;
      } else {
        break;
      }
    }
    if (segment == null) {
      return new SourcePosition(definition.displayPath(), 1, 1);
    }
    if (!segment.text()) {
      return new SourcePosition(segment.file(), segment.line(), segment.column());
    }
    int line = segment.line();
    int column = segment.column();
    for (int i = segment.outputStart(); i < clamped; i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourcePosition(segment.file(), line, column);
  }

  /** Where a 1-based line and column of {@link #sql()} was written from. */
  public SourcePosition sourceOf(int line, int column) {
    return sourceOf(new TemplateSafety.Lines(sql).offset(line, column));
  }
}
