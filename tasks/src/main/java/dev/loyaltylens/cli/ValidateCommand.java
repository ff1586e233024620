package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.store.DiskFullException;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.validation.CheckResult;
import dev.loyaltylens.validation.ValidationGate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code validate}: the gate on a computed version; a failure exits non-zero and names what failed.
 */
@Command(
    name = "validate",
    description = "Run the validation gate on a version and keep its report in the registry.")
final class ValidateCommand implements Callable<Integer> {

  @Mixin StoreOptions store;
  @Mixin GateOptions gate;

  @Option(
      names = "--version",
      required = true,
      description = "The version id that `compute` printed.")
  String version;

  @Override
  public Integer call() {
    run(store.settings(), gate, version);
    System.out.println(version);
    return ExitCodes.OK;
  }

  static ValidationGate.Outcome run(Settings settings, GateOptions gate, String version) {
    var definitions = settings.definitions();
    try (FeatureStore featureStore = settings.openExistingStore()) {
      ValidationGate.Outcome outcome =
          new ValidationGate(definitions, gate.settings()).validate(featureStore, version);
      for (CheckResult result : outcome.results()) {
        System.err.printf(
            java.util.Locale.ROOT,
            "validate: %-4s %-22s %-30s %s (threshold %s)%n",
            result.level().equals("ok") ? "ok" : result.level().toUpperCase(java.util.Locale.ROOT),
            result.feature(),
            result.check(),
            result.figure(),
            result.threshold());
      }
      System.err.println(
          "validate: " + version + " passed " + outcome.results().size() + " checks");
      return outcome;
    } catch (RuntimeException e) {
      throw DiskFullException.explain(e, settings.home());
    }
  }
}
