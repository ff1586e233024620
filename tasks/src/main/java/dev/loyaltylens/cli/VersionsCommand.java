package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.online.OnlinePointer;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.OnlineVersion;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.VersionRecord;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code versions}: the registry as a table, with what the online store holds of it when one is
 * set.
 */
@Command(
    name = "versions",
    description = {
      "List every version in the registry, marking the latest published one.",
      "With --online, also which versions the online store holds and the memory they take there, per million"
          + " customers."
    })
final class VersionsCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  /**
   * What the online store holds: its versions by id, the one it serves, and its servers' memory in
   * all.
   */
  private record Online(
      String address, Map<String, OnlineVersion> versions, String serving, long usedBytes) {}

  @Override
  public Integer call() {
    Settings settings = store.settings();
    try (OnlineStore online = openOnline(settings);
        FeatureStore featureStore = settings.openExistingStore(online)) {
      Optional<Online> held =
          Optional.ofNullable(online)
              .map(
                  o ->
                      new Online(
                          o.address(),
                              o.versions().stream()
                                  .collect(
                                      Collectors.toMap(
                                          OnlineVersion::version, Function.identity())),
                          o.pointer().map(OnlinePointer::version).orElse(null),
                              o.usedMemoryBytes()));
      print(
          featureStore.registry().all(),
          featureStore.registry().latestPublished().map(VersionRecord::version),
          held,
          System.out);
    }
    return ExitCodes.OK;
  }

  /**
   * The online store, or null when none is set or it cannot be reached: the registry is listed
   * regardless.
   */
  private static OnlineStore openOnline(Settings settings) {
    try {
      return settings.openOnline();
    } catch (OnlineStoreException e) {
      System.err.println("warning: " + e.getMessage() + "; the registry is listed without it");
      return null;
    }
  }

  private static void print(
      List<VersionRecord> versions,
      Optional<String> latest,
      Optional<Online> online,
      PrintStream out) {
    String format =
        "%-28s %-20s %-10s %10s  %-20s %-20s "
            + (online.isPresent() ? "%-9s %9s  " : "%s%s")
            + "%s%n";
    out.printf(
        Locale.ROOT,
        format,
        "VERSION",
        "AS OF",
        "STATUS",
        "ROWS",
        "CREATED",
        "PUBLISHED",
        online.isPresent() ? "ONLINE" : "",
        online.isPresent() ? "MB PER 1M" : "",
        "");
    for (VersionRecord v : versions) {
      Optional<OnlineVersion> held = online.map(o -> o.versions().get(v.version()));
      out.printf(
          Locale.ROOT,
          format,
          v.version(),
          v.asOf(),
          v.status().dbValue(),
          v.rowCount(),
          seconds(v.createdAt()),
          seconds(v.publishedAt()),
          online.map(o -> onlineState(o, held.orElse(null))).orElse(""),
          held.filter(OnlineVersion::isComplete)
              .map(h -> String.format(Locale.ROOT, "%.1f", h.memoryPerMillionCustomers() / 1e6))
              .orElse(""),
          notes(v, latest));
    }
    if (versions.isEmpty()) {
      out.println("(no versions yet: run `compute` or `pipeline`)");
    }
    online.ifPresent(
        o ->
            out.printf(
                Locale.ROOT,
                "%nonline store %s: serves %s; %d version%s held, %.1f MB used in"
                    + " all (INFO used_memory)%n",
                o.address(),
                o.serving() == null ? "nothing yet" : o.serving(),
                o.versions().size(),
                o.versions().size() == 1 ? "" : "s",
                o.usedBytes() / 1e6));
  }

  private static String onlineState(Online online, OnlineVersion held) {
    if (held == null) {
      return "-";
    }
    if (held.version().equals(online.serving())) {
      return "current";
    }
    return held.state().name().toLowerCase(Locale.ROOT);
  }

  private static String notes(VersionRecord v, Optional<String> latest) {
    String latestMark = latest.filter(v.version()::equals).isPresent() ? "<- latest" : "";
    String withdrawn =
        v.isWithdrawn() && v.isPublished()
            ? "withdrawn by a rollback at " + seconds(v.withdrawnAt())
            : "";
    String pin = v.isPinned() ? "pinned" + (v.pinNote() == null ? "" : ": " + v.pinNote()) : "";
    return Stream.of(latestMark, withdrawn, pin)
        .filter(note -> !note.isEmpty())
        .collect(Collectors.joining(", "));
  }

  private static String seconds(java.time.Instant instant) {
    return instant == null
        ? "-"
        : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
