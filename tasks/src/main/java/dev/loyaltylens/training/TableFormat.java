package dev.loyaltylens.training;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The file formats a training set reads labels from and writes to, chosen by the file's extension.
 */
enum TableFormat {
  PARQUET,
  CSV;

  static TableFormat of(Path file, String role) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".parquet")) {
      return PARQUET;
    }
    if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
      return CSV;
    }
    throw new BadLabelsException(
        role
            + " "
            + file
            + " is neither .parquet nor .csv: name it after its format, such as labels.parquet");
  }

  /** The options of DuckDB's {@code copy ... to} for this format. */
  String copyOptions() {
    return this == PARQUET ? "(format parquet, compression zstd)" : "(format csv, header true)";
  }
}
