package dev.loyaltylens.analyst;

import dev.loyaltylens.definitions.RenderedTemplate;
import dev.loyaltylens.definitions.RunValues;
import dev.loyaltylens.definitions.TemplateProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a template's SQL may not do: anything but one read-only query. No statements with side
 * effects (attach, copy, install, load, pragma, set, create, insert, update, delete, drop, ...), no
 * files read directly (only the events the run binds as {@code :event_files}), no second statement,
 * and no value that the run does not bind.
 */
final class SqlRules {

  static final Set<String> SIDE_EFFECTS =
      Set.of(
          "attach",
          "detach",
          "copy",
          "install",
          "load",
          "pragma",
          "set",
          "reset",
          "create",
          "insert",
          "update",
          "delete",
          "drop",
          "alter",
          "truncate",
          "export",
          "import",
          "call",
          "use",
          "checkpoint",
          "vacuum",
          "begin",
          "commit",
          "rollback",
          "merge");

  static final Set<String> FILE_READERS =
      Set.of(
          "read_csv",
          "read_csv_auto",
          "read_text",
          "read_blob",
          "read_json",
          "read_json_auto",
          "read_json_objects",
          "read_ndjson",
          "read_ndjson_auto",
          "read_ndjson_objects",
          "read_parquet",
          "parquet_scan",
          "parquet_metadata",
          "parquet_schema",
          "parquet_file_metadata",
          "parquet_kv_metadata",
          "read_xlsx",
          "glob",
          "sniff_csv",
          "query",
          "query_table",
          "delta_scan",
          "iceberg_scan",
          "sqlite_scan",
          "postgres_scan",
          "mysql_scan",
          "getenv");

  private SqlRules() {}

  /** Every rule the rendered SQL breaks, located in its template. */
  static List<TemplateProblem> check(RenderedTemplate rendered, Set<String> bound) {
    List<TemplateProblem> problems = new ArrayList<>();
    List<SqlScanner.Token> tokens = SqlScanner.scan(rendered.sql());
    for (int i = 0; i < tokens.size(); i++) {
      SqlScanner.Token token = tokens.get(i);
      SqlScanner.Token previous = i > 0 ? tokens.get(i - 1) : null;
      SqlScanner.Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      boolean qualified = previous != null && (previous.isSymbol(".") || previous.isWord("as"));
      if (token.kind() == SqlScanner.Kind.WORD
          && !qualified
          && SIDE_EFFECTS.contains(token.name())
          && (next == null || !next.isSymbol("("))) {
        problems.add(
            at(
                rendered,
                token,
                "`"
                    + token.text()
                    + "` is not allowed: a template is one read-only query;"
                    + " the run makes the tables, and nothing in a template may change the database or its settings"));
      } else if (token.kind() == SqlScanner.Kind.WORD
          && !qualified
          && FILE_READERS.contains(token.name())
          && next != null
          && next.isSymbol("(")
          && !readsEventFiles(token, tokens, i)) {
        problems.add(
            at(
                rendered,
                token,
                token.text()
                    + "(...) reads files directly: a template reads the events"
                    + " only through :"
                    + RunValues.EVENT_FILES
                    + " (as sql/staging/stg_events does) and other templates by name"));
      } else if (token.kind() == SqlScanner.Kind.STRING
          && previous != null
          && (previous.isWord("from") || previous.isWord("join"))) {
        problems.add(
            at(
                rendered,
                token,
                "'"
                    + token.text()
                    + "' after "
                    + previous.text()
                    + " reads a file:"
                    + " read other templates by name, and the events through :"
                    + RunValues.EVENT_FILES));
      } else if (token.isSymbol(";")) {
        problems.add(
            at(
                rendered,
                token,
                "`;` ends the statement: a template is exactly one query, and the run"
                    + " wraps it (remove the semicolon)"));
      } else if (token.kind() == SqlScanner.Kind.PARAMETER && !bound.contains(token.text())) {
        problems.add(
            at(
                rendered,
                token,
                ":"
                    + token.text()
                    + " is not bound: declare it under params: in the"
                    + " header, or use a run value ("
                    + RunValues.listed()
                    + ")"));
      }
    }
    return problems;
  }

  /** The names the SQL binds as {@code :name}, in order. */
  static Set<String> parameters(String sql) {
    Set<String> names = new LinkedHashSet<>();
    for (SqlScanner.Token token : SqlScanner.scan(sql)) {
      if (token.kind() == SqlScanner.Kind.PARAMETER) {
        names.add(token.text());
      }
    }
    return names;
  }

  private static boolean readsEventFiles(
      SqlScanner.Token function, List<SqlScanner.Token> tokens, int index) {
    boolean parquet =
        function.name().equals("read_parquet") || function.name().equals("parquet_scan");
    return parquet
        && index + 2 < tokens.size()
        && tokens.get(index + 2).kind() == SqlScanner.Kind.PARAMETER
        && tokens.get(index + 2).text().equals(RunValues.EVENT_FILES);
  }

  private static TemplateProblem at(
      RenderedTemplate rendered, SqlScanner.Token token, String message) {
    return rendered.sourceOf(token.offset()).problem(message);
  }
}
