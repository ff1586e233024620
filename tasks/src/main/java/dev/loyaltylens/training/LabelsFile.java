package dev.loyaltylens.training;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.compute.EventFiles;
import dev.loyaltylens.store.SqlLiteral;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Loads a labels file into two temporary tables: {@code labels}, the file's columns untouched in
 * the file's order, and {@code label_keys (label_row, customer_id, label_at)}, the key of each row
 * as a UTC timestamp.
 *
 * <p>From CSV, {@code customer_id} and {@code label_ts} are read as text, so that ids keep their
 * leading zeros and one odd value deep in the file gives a clear error instead of a failed type
 * guess; the other columns keep the types DuckDB detects. A {@code label_ts} without a zone is UTC.
 * The file is read as exactly that file, even when its name holds DuckDB's glob characters.
 */
final class LabelsFile {

  static final String CUSTOMER_ID = "customer_id";
  static final String LABEL_TS = "label_ts";

  private static final String PARQUET_READER = "read_parquet(:file)";

  private LabelsFile() {}

  /** The column names of the labels, in the file's order. */
  static List<String> load(Handle handle, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BadLabelsException(
          "labels file "
              + file
              + " does not exist: pass --labels FILE, a Parquet or CSV file with customer_id and"
              + " label_ts columns");
    }
    TableFormat format = TableFormat.of(file, "labels file");
    List<Column> columns = describe(handle, file, format);
    Column customerId = require(file, columns, CUSTOMER_ID);
    Column labelTs = require(file, columns, LABEL_TS);
    // from CSV, label_ts is read as text; from Parquet it keeps its type, which must be a time
    String labelAt =
        instant(file, format == TableFormat.CSV ? new Column(labelTs.name(), "VARCHAR") : labelTs);
    String reader =
        format == TableFormat.CSV
            ? "read_csv(:file, header = true, types = {"
                + SqlLiteral.of(customerId.name())
                + ": 'VARCHAR', "
                + SqlLiteral.of(labelTs.name())
                + ": 'VARCHAR'})"
            : PARQUET_READER;
    try {
      handle
          .createUpdate("create or replace temp table labels as select * from " + reader)
          .bind("file", EventFiles.pattern(file))
          .execute();
    } catch (StatementException e) {
      throw unreadable(file, format, e);
    }
    handle.execute(
        "create or replace temp table label_keys as select rowid as label_row, cast(customer_id as varchar) as"
            + " customer_id, cast("
            + labelAt
            + " as timestamp) as label_at from labels");
    requireEveryInstant(handle, file);
    return columns.stream().map(Column::name).toList();
  }

  private record Column(String name, String type) {}

  private static List<Column> describe(Handle handle, Path file, TableFormat format) {
    String reader = format == TableFormat.CSV ? "read_csv(:file, header = true)" : PARQUET_READER;
    try {
      return handle
          .createQuery("describe select * from " + reader)
          .bind("file", EventFiles.pattern(file))
          .map((rs, ctx) -> new Column(rs.getString("column_name"), rs.getString("column_type")))
          .list();
    } catch (StatementException e) {
      throw unreadable(file, format, e);
    }
  }

  private static Column require(Path file, List<Column> columns, String name) {
    return columns.stream()
        .filter(column -> column.name().equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(
            () ->
                new BadLabelsException(
                    "labels file "
                        + file
                        + " has no column `"
                        + name
                        + "`: it needs customer_id and label_ts (the instant"
                        + " the label was observed), and has "
                        + String.join(", ", columns.stream().map(Column::name).toList())));
  }

  /** The SQL turning label_ts into a UTC instant, null where the text is not one. */
  private static String instant(Path file, Column labelTs) {
    String type = labelTs.type().toUpperCase(Locale.ROOT);
    if (type.equals("VARCHAR")) {
      return "try_cast(label_ts as timestamptz)";
    }
    if (type.startsWith("TIMESTAMP") || type.equals("DATE")) {
      return "cast(label_ts as timestamptz)";
    }
    throw new BadLabelsException(
        "labels file "
            + file
            + ": label_ts has type "
            + labelTs.type()
            + ", not a timestamp: write it as a"
            + " timestamp or as text like 2026-11-24T00:00:00Z");
  }

  private static void requireEveryInstant(Handle handle, Path file) {
    Optional<String> problem =
        handle
            .createQuery(
                "select 'row ' || (k.label_row + 1) || case when l.label_ts is null then ' has no label_ts'"
                    + " else ': label_ts `' || cast(l.label_ts as varchar) || '` is not an instant' end"
                    + " from label_keys k join labels l on l.rowid = k.label_row"
                    + " where k.label_at is null order by k.label_row limit 1")
            .mapTo(String.class)
            .findOne();
    problem.ifPresent(
        text -> {
          throw new BadLabelsException(
              "labels file "
                  + file
                  + ", "
                  + text
                  + ": every label needs the instant it was observed, written"
                  + " like 2026-11-24T00:00:00Z");
        });
  }

  private static BadLabelsException unreadable(
      Path file, TableFormat format, StatementException e) {
    return new BadLabelsException(
        "labels file "
            + file
            + " could not be read as "
            + format.name().toLowerCase(Locale.ROOT)
            + " ("
            + LoyaltyLensException.firstLine(e.getCause() == null ? e : e.getCause())
            + "): check the file and its extension");
  }
}
