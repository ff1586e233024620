package dev.loyaltylens.analyst;

import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.SqlLiteral;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The typed columns of an events file (SPEC section 1), for the files the analyst commands write
 * themselves: an empty one to check the templates against, and one holding a fixture's events.
 */
final class EventsContract {

  static final Map<String, String> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put("event_id", "varchar");
    TYPES.put("customer_id", "varchar");
    TYPES.put("event_type", "varchar");
    TYPES.put("event_ts", "timestamp");
    TYPES.put("amount", "double");
    TYPES.put("channel", "varchar");
  }

  private EventsContract() {}

  /**
   * The columns the staging templates require ({@code requires_columns}), with their contract
   * types.
   */
  static Map<String, String> columns(DefinitionSet definitions) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (Definition definition : definitions.ordered()) {
      for (String column : definition.header().requiredColumns()) {
        columns.put(column, TYPES.getOrDefault(column, "varchar"));
      }
    }
    if (columns.isEmpty()) {
      columns.putAll(TYPES);
    }
    return columns;
  }

  /** Writes a Parquet file with the columns and no row, and returns it. */
  static Path writeEmpty(Handle handle, Map<String, String> columns, Path file) {
    List<String> selects =
        columns.entrySet().stream()
            .map(c -> "cast(null as " + c.getValue() + ") as " + c.getKey())
            .toList();
    handle.execute(
        "copy (select "
            + String.join(", ", selects)
            + " where false) to "
            + SqlLiteral.of(file)
            + " (format parquet)");
    return file;
  }
}
