package dev.loyaltylens.cli;

import dev.loyaltylens.validation.GateSettings;
import picocli.CommandLine.Option;

/** The validation gate's thresholds. */
final class GateOptions {

  @Option(names = "--max-null-rate", defaultValue = "0.05", converter = NumberOptions.Share.class, description = "Largest share of nulls in any feature (default: ${DEFAULT-VALUE}).")
  double maxNullRate;

  @Option(names = "--max-row-change", defaultValue = "0.5", converter = NumberOptions.Change.class, description = "Largest relative change in rows against the previous published version (default: ${DEFAULT-VALUE}).")
  double maxRowChange;

  GateSettings settings() {
    return new GateSettings(maxNullRate, maxRowChange);
  }
}
