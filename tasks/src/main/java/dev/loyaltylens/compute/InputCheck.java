package dev.loyaltylens.compute;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Checks every events file before a query runs: that it is readable Parquet and has the columns the
 * staging templates declare in {@code requires_columns}. Only the footers are read, so this is
 * cheap.
 */
final class InputCheck {

  /**
   * How DuckDB reports data it cannot decode: an unreadable page, a decompression failure, a short
   * buffer.
   */
  private static final Pattern READ_FAILURE =
      Pattern.compile("IO Error|Invalid Error|Invalid Input Error|[Pp]arquet");

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
            handle
                .createQuery("select name from parquet_schema(:file)")
                .bind("file", EventFiles.pattern(file))
                .mapTo(String.class)
                .list();
      } catch (StatementException e) {
        throw new BadInputException(
            "events file "
                + file
                + " is not a readable Parquet file ("
                + LoyaltyLensException.firstLine(e.getCause())
                + "): replace or remove it");
      }
      for (String column : required) {
        if (!columns.contains(column)) {
          throw new BadInputException(
              "events file "
                  + file
                  + " has no column `"
                  + column
                  + "`: every events file needs "
                  + String.join(", ", required));
        }
      }
    }
  }

  /**
   * After a query failed while reading the events: the file that cannot be read through, named,
   * when that is why (a file damaged past its footer passes {@link #requireReadable} and fails only
   * once its pages are decoded); otherwise the failure as it was. Every column of every file is
   * decoded, so this runs only after a failure.
   */
  static RuntimeException explainReadFailure(
      Handle handle, EventFiles inputs, RuntimeException failure) {
    String message = String.valueOf(failure.getMessage());
    if (!READ_FAILURE.matcher(message).find() || message.contains("No space left on device")) {
      return failure;
    }
    for (Path file : inputs.files()) {
      try {
        handle
            .createQuery("select count(hash(columns(*))) from read_parquet(:file)")
            .bind("file", EventFiles.pattern(file))
            .mapToMap()
            .one();
      } catch (StatementException e) {
        BadInputException named =
            new BadInputException(
                "events file "
                    + file
                    + " is damaged: its data cannot be read ("
                    + LoyaltyLensException.firstLine(e.getCause())
                    + "): replace or remove it");
        named.addSuppressed(failure);
        return named;
      }
    }
    return failure;
  }
}
