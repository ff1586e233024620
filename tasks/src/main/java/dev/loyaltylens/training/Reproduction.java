package dev.loyaltylens.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.compute.FeatureComputation;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * Recomputes a published version from what its registry row recorded (events folder, as-of,
 * lookback) with today's templates, and compares the result with the version's snapshot value for
 * value, without tolerance: the computation is deterministic, so any difference is a changed input
 * or a changed template.
 *
 * <p>The recomputation runs in a scratch store under the home's {@code tmp/}, deleted afterwards,
 * so the real store gets no new version and is not held locked while the events are read again.
 */
public final class Reproduction {

  /** Customers named per differing feature or per one-sided set; the counts stay complete. */
  static final int EXAMPLES = 3;

  /** Relative differences below this are floating-point rounding, not different data. */
  static final double ROUNDING = 1e-9;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StoreHome home;
  private final DefinitionSet definitions;
  private final Path migrations;
  private final EngineSettings engine;
  private final Consumer<String> progress;

  public Reproduction(
      StoreHome home,
      DefinitionSet definitions,
      Path migrations,
      EngineSettings engine,
      Consumer<String> progress) {
    this.home = home;
    this.definitions = definitions;
    this.migrations = migrations;
    this.engine = engine;
    this.progress = progress;
  }

  /**
   * Reproduces {@code record}, reading its events from {@code events} (where the registry says,
   * normally).
   */
  public ReproductionReport reproduce(VersionRecord record, Path events) {
    requireReproducible(record, events);
    Path scratch =
        home.spillDir().resolve("reproduce-" + record.version() + "-" + UUID.randomUUID());
    try (FeatureStore store = FeatureStore.open(new StoreHome(scratch), migrations, engine)) {
      FeatureComputation.Result result =
          new FeatureComputation(
                  definitions, migrations, 1.0, line -> progress.accept("reproduce: " + line))
              .compute(store, events, record.asOf(), record.lookbackDays());
      VersionRecord recomputed = store.registry().require(result.version());
      List<String> caveats = caveats(record, recomputed);
      return compare(store, record, recomputed.version(), caveats);
    } finally {
      deleteRecursively(scratch);
    }
  }

  private void requireReproducible(VersionRecord record, Path events) {
    String version = record.version();
    if (record.isRemoved()) {
      throw new ReproductionException(
          "version "
              + version
              + " was removed by retention at "
              + record.removedAt()
              + ": its vectors are gone, so"
              + " there is nothing to compare a recomputation with");
    }
    if (!record.isPublished()) {
      throw new ReproductionException(
          "version "
              + version
              + " is "
              + record.status().dbValue()
              + ", not published: only published versions are"
              + " kept unchanged; compute it again instead");
    }
    if (!Files.exists(home.snapshot(version))) {
      throw new ReproductionException(
          "the snapshot "
              + home.snapshot(version)
              + " of "
              + version
              + " is missing: run `publish --version "
              + version
              + "` to write it again from the store");
    }
    if (!Files.isDirectory(events)) {
      throw new ReproductionException(
          "the events "
              + version
              + " was computed from are not in "
              + events
              + " any more: put them back, or pass"
              + " --events DIR where they are now");
    }
  }

  private static List<String> caveats(VersionRecord record, VersionRecord recomputed) {
    List<String> caveats = new ArrayList<>();
    if (!recomputed.inputFingerprint().equals(record.inputFingerprint())) {
      caveats.add(
          "input files changed since "
              + record.version()
              + " was computed: fingerprint "
              + shortHash(recomputed.inputFingerprint())
              + ", recorded "
              + shortHash(record.inputFingerprint()));
    }
    if (!recomputed.sqlHash().equals(record.sqlHash())) {
      caveats.add(
          "SQL templates changed since "
              + record.version()
              + " was computed: rendered SQL hash "
              + shortHash(recomputed.sqlHash())
              + ", recorded "
              + shortHash(record.sqlHash())
              + "; the recomputation runs today's templates, so it cannot be exact");
    }
    if (!sameJson(record.stagingReport(), recomputed.stagingReport())) {
      caveats.add(
          "staging differs: recorded "
              + record.stagingReport()
              + ", now "
              + recomputed.stagingReport());
    }
    return caveats;
  }

  private ReproductionReport compare(
      FeatureStore store, VersionRecord record, String recomputedVersion, List<String> caveats) {
    Handle handle = store.handle();
    try {
      PublishedSnapshots.attach(handle.getConnection(), home, record.version(), "recorded");
    } catch (SQLException e) {
      throw new ReproductionException(
          "could not open the snapshot of "
              + record.version()
              + ": "
              + LoyaltyLensException.firstLine(e));
    }
    try {
      List<String> recorded =
          handle
              .createQuery(
                  "select column_name from duckdb_columns() where database_name = 'recorded'"
                      + " and table_name = 'features' and column_name <> 'customer_id' order by column_index")
              .mapTo(String.class)
              .list();
      List<String> current = store.featureColumns().stream().map(FeatureColumn::name).toList();
      List<String> compared = recorded.stream().filter(current::contains).toList();
      List<String> notCompared = new ArrayList<>();
      recorded.stream()
          .filter(name -> !current.contains(name))
          .forEach(
              name ->
                  notCompared.add(
                      "feature "
                          + name
                          + " of "
                          + record.version()
                          + " is no longer computed: not compared"));
      current.stream()
          .filter(name -> !recorded.contains(name))
          .forEach(
              name ->
                  notCompared.add(
                      "feature " + name + " is new since " + record.version() + ": not compared"));
      List<String> allCaveats = new ArrayList<>(caveats);
      allCaveats.addAll(notCompared);

      tabulateDifferences(handle, compared, recomputedVersion);
      long rows =
          handle.createQuery("select count(*) from recorded.features").mapTo(Long.class).one();
      long differing =
          handle.createQuery("select count(*) from differences").mapTo(Long.class).one();
      List<String> lines = new ArrayList<>();
      boolean onlyRounding = differing > 0;
      for (int i = 0; i < compared.size(); i++) {
        Optional<FeatureDifference> difference = describeFeature(handle, compared.get(i), i);
        difference.map(FeatureDifference::line).ifPresent(lines::add);
        onlyRounding &=
            difference
                .map(d -> d.largestRelative() != null && d.largestRelative() < ROUNDING)
                .orElse(true);
      }
      Optional<String> onlyStored =
          describeOneSided(handle, "only_stored", "only in the published version");
      Optional<String> onlyRecomputed =
          describeOneSided(handle, "only_recomputed", "only in the recomputation");
      onlyStored.ifPresent(lines::add);
      onlyRecomputed.ifPresent(lines::add);
      if (onlyRounding && onlyStored.isEmpty() && onlyRecomputed.isEmpty()) {
        lines.add(
            "every difference is below "
                + String.format(Locale.ROOT, "%.0e", ROUNDING)
                + " relative: a floating-point result that depends on the order"
                + " DuckDB's threads summed in, not changed data; a template summing DOUBLE values can sum them as"
                + " DECIMAL to be reproducible");
      }
      return new ReproductionReport(
          record.version(), rows, compared.size(), allCaveats, differing, lines);
    } finally {
      handle.execute("detach recorded");
    }
  }

  /**
   * The temp table {@code differences}: one row per customer with any differing value or on one
   * side only.
   */
  private static void tabulateDifferences(
      Handle handle, List<String> compared, String recomputedVersion) {
    StringBuilder columns = new StringBuilder();
    StringBuilder differs = new StringBuilder("s.customer_id is null or r.customer_id is null");
    for (int i = 0; i < compared.size(); i++) {
      String name = '"' + compared.get(i) + '"';
      columns.append(
          String.format(
              Locale.ROOT,
              ",\n s.%1$s is distinct from r.%1$s as differs_%2$d, cast(s.%1$s as varchar) as stored_%2$d,"
                  + " cast(r.%1$s as varchar) as recomputed_%2$d, abs(try_cast(s.%1$s as double) - try_cast(r.%1$s as"
                  + " double)) / nullif(greatest(abs(try_cast(s.%1$s as double)), abs(try_cast(r.%1$s as double))), 0)"
                  + " as relative_%2$d",
              name,
              i));
      differs.append(" or s.").append(name).append(" is distinct from r.").append(name);
    }
    handle
        .createUpdate(
            "create or replace temp table differences as\n"
                + "select coalesce(s.customer_id, r.customer_id) as customer_id, s.customer_id is null as only_recomputed,"
                + " r.customer_id is null as only_stored"
                + columns
                + "\nfrom recorded.features s full join (select * from main.features where version = :version) r"
                + " on s.customer_id = r.customer_id\nwhere "
                + differs)
        .bind("version", recomputedVersion)
        .execute();
  }

  /**
   * A differing feature: its report line, and its largest relative difference when it is numeric.
   */
  private record FeatureDifference(String line, Double largestRelative) {}

  private static Optional<FeatureDifference> describeFeature(Handle handle, String feature, int i) {
    String where = "differs_" + i + " and not only_stored and not only_recomputed";
    Map<String, Object> totals =
        handle
            .createQuery(
                "select count(*) as n, max(relative_"
                    + i
                    + ") as relative from differences where "
                    + where)
            .mapToMap()
            .one();
    long count = ((Number) totals.get("n")).longValue();
    if (count == 0) {
      return Optional.empty();
    }
    Double relative =
        totals.get("relative") == null ? null : ((Number) totals.get("relative")).doubleValue();
    String examples =
        handle
            .createQuery(
                "select customer_id || ' (published ' || coalesce(stored_"
                    + i
                    + ", 'null') || ', recomputed '"
                    + " || coalesce(recomputed_"
                    + i
                    + ", 'null') || ')' from differences where "
                    + where
                    + " order by customer_id limit "
                    + EXAMPLES)
            .mapTo(String.class)
            .stream()
            .collect(Collectors.joining(", "));
    String line =
        String.format(
            Locale.ROOT,
            "%s: %,d customer%s differ%s: %s%s%s",
            feature,
            count,
            count == 1 ? "" : "s",
            count == 1 ? "s" : "",
            examples,
            count > EXAMPLES ? ", ..." : "",
            relative == null
                ? ""
                : String.format(Locale.ROOT, "; largest relative difference %.1e", relative));
    return Optional.of(new FeatureDifference(line, relative));
  }

  private static Optional<String> describeOneSided(Handle handle, String flag, String where) {
    long count =
        handle
            .createQuery("select count(*) from differences where " + flag)
            .mapTo(Long.class)
            .one();
    if (count == 0) {
      return Optional.empty();
    }
    String examples =
        handle
            .createQuery(
                "select customer_id from differences where "
                    + flag
                    + " order by customer_id limit "
                    + EXAMPLES)
            .mapTo(String.class)
            .stream()
            .collect(Collectors.joining(", "));
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%,d customer%s %s: %s%s",
            count,
            count == 1 ? "" : "s",
            where,
            examples,
            count > EXAMPLES ? ", ..." : ""));
  }

  private static boolean sameJson(String a, String b) {
    try {
      return JSON.readTree(a).equals(JSON.readTree(b));
    } catch (IOException e) {
      return a.equals(b);
    }
  }

  private static String shortHash(String hash) {
    return hash.length() <= 16 ? hash : hash.substring(0, 16);
  }

  /**
   * Best effort: a scratch store left behind wastes space under tmp/ but must not hide the report.
   */
  private void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      progress.accept(
          "reproduce: could not delete the scratch store "
              + dir
              + " ("
              + e.getMessage()
              + "): delete it");
    }
  }
}
