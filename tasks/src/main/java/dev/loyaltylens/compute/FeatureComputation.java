package dev.loyaltylens.compute;

import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.RunValues;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.duckdb.DuckDbEngine;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Computes a candidate version from an events folder: renders every template, runs them in
 * dependency order as temporary tables, then writes the feature vectors, the quarantined rows and
 * the registry row in one transaction.
 *
 * <p>The version id is derived from the as-of instant, the input fingerprint and the rendered SQL,
 * so a rerun on the same inputs lands on the same id: a published one is left untouched, an
 * unpublished one is replaced.
 */
public final class FeatureComputation {

  /** Staging relations the run reads its report from. */
  static final String QUARANTINE_RELATION = "quarantined_events";

  static final String DUPLICATES_RELATION = "first_of_duplicates";

  /**
   * Rows of quarantine kept in the store per version, the first by event id; the counts in the
   * report stay complete.
   */
  static final int QUARANTINE_ROWS_KEPT = 100_000;

  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final DefinitionSet definitions;
  private final Path migrationsDir;
  private final double maxQuarantinedShare;
  private final Consumer<String> progress;
  private final Engine engine;

  public FeatureComputation(
      DefinitionSet definitions,
      Path migrationsDir,
      double maxQuarantinedShare,
      Consumer<String> progress) {
    this(definitions, migrationsDir, maxQuarantinedShare, progress, new DuckDbEngine());
  }

  /**
   * A computation whose templates run on {@code engine}; the version is recorded alike whatever the
   * engine.
   */
  public FeatureComputation(
      DefinitionSet definitions,
      Path migrationsDir,
      double maxQuarantinedShare,
      Consumer<String> progress,
      Engine engine) {
    this.definitions = definitions;
    this.migrationsDir = migrationsDir;
    this.maxQuarantinedShare = maxQuarantinedShare;
    this.progress = progress;
    this.engine = engine;
  }

  /**
   * The outcome of a run: the version id and whether this run computed it or found it already
   * published.
   */
  public record Result(
      String version, boolean alreadyPublished, StagingReport staging, long rows) {}

  public Result compute(FeatureStore store, Path eventsDir, Instant asOf, int lookbackDays) {
    return compute(store, ScannedEvents.scan(eventsDir), asOf, lookbackDays);
  }

  /**
   * Computes from events scanned before the store was opened, so that their fingerprint was hashed
   * meanwhile.
   */
  public Result compute(FeatureStore store, ScannedEvents events, Instant asOf, int lookbackDays) {
    EventFiles inputs = events.files();
    RunValues run = new RunValues(asOf, lookbackDays, inputs.patterns());
    Handle handle = store.handle();
    handle.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);

    InputCheck.requireReadable(handle, inputs, definitions);
    List<Definition> features = definitions.features();
    List<FeatureColumn> columns =
        SchemaMatch.require(store.featureColumns(), features, migrationsDir);

    Map<String, Object> binds = run.binds(definitions.ordered());
    TemplateRun templates = new TemplateRun(definitions, binds);
    String sqlHash = sqlHash(RenderedLogic.of(definitions), binds);
    String version = versionId(asOf, lookbackDays, events.fingerprint(), sqlHash);

    Optional<VersionRecord> existing = store.registry().find(version);
    if (existing.isPresent() && existing.get().isPublished()) {
      progress.accept(
          "compute: " + version + " is already published from these inputs; nothing to do");
      return new Result(version, true, null, existing.get().rowCount());
    }

    EngineRelations relations =
        EngineRelations.of(engine, templates, handle, inputs, store.home().spillDir());
    if (!engine.name().equals(DuckDbEngine.NAME)) {
      progress.accept("compute: running on " + engine.describe());
    }
    for (Definition definition : definitions.ordered()) {
      if (QueryComposer.isMaterialized(definition)) {
        long started = System.nanoTime();
        boolean skipped;
        try {
          skipped = relations.materialize(definition);
        } catch (TemplateQueryException e) {
          throw InputCheck.explainReadFailure(handle, inputs, e);
        }
        progress.accept(
            String.format(
                java.util.Locale.ROOT,
                "compute: %-24s %6.1fs%s",
                definition.name(),
                seconds(started),
                skipped
                    ? " (skipped: "
                        + definition.header().skipWhenEmpty().orElseThrow()
                        + " is empty)"
                    : ""));
      }
    }

    relations.handOver(written());
    StagingReport staging = stagingReport(handle, inputs);
    progress.accept("compute: " + staging.summary());
    Instant computedAt = Instant.now();
    long assembling = System.nanoTime();
    long rows =
        handle.inTransaction(
            tx -> {
              tx.createUpdate("delete from main.features where version = :version")
                  .bind("version", version)
                  .execute();
              tx.createUpdate("delete from main.quarantine where version = :version")
                  .bind("version", version)
                  .execute();
              long inserted = insertFeatures(tx, version, columns, features, computedAt);
              keepQuarantine(tx, version);
              store
                  .registry()
                  .recordComputed(
                      new VersionRecord(
                          version,
                          asOf,
                          lookbackDays,
                          VersionStatus.COMPUTED,
                          inserted,
                          sqlHash,
                          events.fingerprint(),
                          inputs.dir().toString(),
                          staging.toJson(),
                          null,
                          computedAt,
                          null,
                          null,
                          null,
                          null,
                          null,
                          null));
              return inserted;
            });
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "compute: %-24s %6.1fs",
            "features (write)",
            seconds(assembling)));
    if (staging.quarantinedShare() > maxQuarantinedShare) {
      String message =
          String.format(
              java.util.Locale.ROOT,
              "%.2f%% of the events in %s broke a rule of the events contract (threshold %.2f%%): see table"
                  + " quarantine for version %s, fix the source and compute again",
              100 * staging.quarantinedShare(),
              inputs.dir(),
              100 * maxQuarantinedShare,
              version);
      store
          .registry()
          .recordValidation(version, false, failedStagingReport(message), Instant.now());
      throw new BadInputException(message);
    }
    return new Result(version, false, staging, rows);
  }

  /** The relations the version and its report are written from. */
  private List<String> written() {
    List<String> names =
        new ArrayList<>(definitions.features().stream().map(Definition::name).toList());
    for (String staging : List.of(QUARANTINE_RELATION, DUPLICATES_RELATION)) {
      definitions
          .find(staging)
          .filter(QueryComposer::isMaterialized)
          .ifPresent(found -> names.add(staging));
    }
    return names;
  }

  private static double seconds(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis() / 1000.0;
  }

  private static long insertFeatures(
      Handle tx,
      String version,
      List<FeatureColumn> columns,
      List<Definition> features,
      Instant computedAt) {
    String names = columns.stream().map(FeatureColumn::name).collect(Collectors.joining(", "));
    StringBuilder from = new StringBuilder(features.get(0).name());
    for (Definition feature : features.subList(1, features.size())) {
      from.append("\n left join ").append(feature.name()).append(" using (customer_id)");
    }
    return tx.createUpdate(
            "insert into main.features (customer_id, version, "
                + names
                + ", computed_at)\n"
                + "select customer_id, :version, "
                + names
                + ", :computed_at\nfrom "
                + from)
        .bind("version", version)
        .bind("computed_at", Timestamp.from(computedAt))
        .execute();
  }

  private void keepQuarantine(Handle tx, String version) {
    if (definitions.find(QUARANTINE_RELATION).isEmpty()) {
      return;
    }
    tx.createUpdate(
            "insert into main.quarantine select :version, quarantine_reason, event_id, customer_id, event_type,"
                + " cast(event_ts as varchar), cast(amount as varchar), channel from "
                + QUARANTINE_RELATION
                // every column, so that the rows kept are the same at every run of the same events
                + " order by event_id, quarantine_reason, customer_id, event_type, event_ts, amount, channel"
                + " limit "
                + QUARANTINE_ROWS_KEPT)
        .bind("version", version)
        .execute();
  }

  private StagingReport stagingReport(Handle handle, EventFiles inputs) {
    long rowsRead =
        handle
            .createQuery(
                "select count(*) from read_parquet(:files, hive_partitioning = false, union_by_name = true)")
            .bind("files", inputs.patterns().toArray(String[]::new))
            .mapTo(Long.class)
            .one();
    Map<String, Long> byReason = new LinkedHashMap<>();
    if (definitions.find(QUARANTINE_RELATION).isPresent()) {
      handle
          .createQuery(
              "select quarantine_reason, count(*) from "
                  + QUARANTINE_RELATION
                  + " group by quarantine_reason order by count(*) desc, quarantine_reason")
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
          .forEach(entry -> byReason.put(entry.getKey(), entry.getValue()));
    }
    long duplicates = 0;
    if (definitions.find(DUPLICATES_RELATION).isPresent()) {
      duplicates =
          handle
              .createQuery("select coalesce(sum(copies - 1), 0) from " + DUPLICATES_RELATION)
              .mapTo(Long.class)
              .one();
    }
    long customers =
        handle
            .createQuery("select count(*) from " + definitions.features().get(0).name())
            .mapTo(Long.class)
            .one();
    return new StagingReport(rowsRead, byReason, duplicates, customers);
  }

  private static String failedStagingReport(String message) {
    var node = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    node.put("passed", false);
    node.putArray("failures").add(message);
    return node.toString();
  }

  static String sqlHash(Map<String, String> rendered, Map<String, Object> binds) {
    MessageDigest digest = EventFiles.sha256();
    rendered.forEach(
        (name, sql) -> digest.update((name + "\0" + sql + "\0").getBytes(StandardCharsets.UTF_8)));
    binds.forEach(
        (name, value) -> {
          if (RunValues.isLogic(name)) {
            digest.update((name + "=" + value + "\0").getBytes(StandardCharsets.UTF_8));
          }
        });
    return HexFormat.of().formatHex(digest.digest());
  }

  static String versionId(Instant asOf, int lookbackDays, String fingerprint, String sqlHash) {
    MessageDigest digest = EventFiles.sha256();
    digest.update(
        (fingerprint + "\0" + sqlHash + "\0" + lookbackDays).getBytes(StandardCharsets.UTF_8));
    return "v"
        + VERSION_TIME.format(asOf)
        + "-"
        + HexFormat.of().formatHex(digest.digest()).substring(0, 8);
  }
}
