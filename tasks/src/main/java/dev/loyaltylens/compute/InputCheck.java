package dev.loyaltylens.compute;

import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Checks every events file before a query runs: that it is readable Parquet and has the columns the staging
 * templates declare in {@code requires_columns}. Only the footers are read, so this is cheap.
 */
final class InputCheck {

  private InputCheck() {}

  static void requireReadable(Handle handle, EventFiles inputs, DefinitionSet definitions) {
    Set<String> required = new LinkedHashSet<>();
    for (Definition definition : definitions.ordered()) {
      required.addAll(definition.header().requiredColumns());
    }
    for (Path file : inputs.files()) {
      List<String> columns;
      try {
        columns =
            handle.createQuery("select name from parquet_schema(:file)")
                .bind("file", EventFiles.pattern(file))
                .mapTo(String.class)
                .list();
      } catch (StatementException e) {
        throw new BadInputException(
            "events file " + file + " is not a readable Parquet file (" + firstLine(e.getCause())
                + "): replace or remove it");
      }
      for (String column : required) {
        if (!columns.contains(column)) {
          throw new BadInputException(
              "events file " + file + " has no column `" + column + "`: every events file needs "
                  + String.join(", ", required));
        }
      }
    }
  }

  static String firstLine(Throwable e) {
    Throwable root = e == null ? new IllegalStateException("unknown error") : e;
    String message = String.valueOf(root.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).strip();
  }
}
