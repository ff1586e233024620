package dev.loyaltylens.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.compute.EventFiles;
import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.SqlLiteral;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.training.TrainingSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Checks what the API served against what {@code training-set} gives for the same customers and
 * instants, as Chronon's consistency measurement does for its online and offline values.
 *
 * <p>Each logged answer becomes a label: its customer at the instant of the request (or at the
 * {@code ?as_of=} it asked for; an answer to {@code ?version=V} is checked against V). The training
 * set picks the version in force then, by the one rule serving shares ({@link
 * PublishedManifest#inForceAt}). A version is in force from its as-of, but a serving process
 * answers from it only once it is published and loaded: an answer from the version before, given
 * before the process first answered from the new one, is explained by that lag. Every other answer
 * is compared value by value, per feature: matched, differing, or missing from the training set.
 */
public final class ConsistencyCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS =
      Set.of("customer_id", "label_ts", "log_row", "feature_version");
  private static final int EXAMPLES = 10;

  private final StoreHome home;
  private final EngineSettings engine;

  public ConsistencyCheck(StoreHome home, EngineSettings engine) {
    this.home = home;
    this.engine = engine;
  }

  /** Compares the lookups logged at or after {@code since}, and keeps the result in the store. */
  public ConsistencyReport run(FeatureStore store, Instant since) {
    ConsistencyReport report = compare(since);
    ConsistencyRuns.record(store, report);
    return report;
  }

  ConsistencyReport compare(Instant since) {
    Path log = home.lookupLog();
    List<Path> logged = logFiles(log);
    if (logged.isEmpty()) {
      throw new ConsistencyException(
          "no lookups are logged in "
              + log
              + ": start the API with `serve --log-sample"
              + " 0.01` (a share of customers) and let it answer, then run consistency again");
    }
    PublishedManifest manifest =
        PublishedManifest.read(home)
            .orElseThrow(
                () ->
                    new ConsistencyException(
                        "nothing is published in "
                            + home.root()
                            + ": there is no training set to compare the lookups with"));
    Path scratch = scratch();
    try (Connection connection = connect();
        Handle handle = Jdbi.create(connection).open()) {
      // the files as listed, each path escaped so that a home whose path holds a glob character
      // reads them all
      String files =
          "read_parquet(["
              + String.join(
                  ", ", logged.stream().map(EventFiles::pattern).map(SqlLiteral::of).toList())
              + "], union_by_name = true)";
      handle
          .createUpdate(
              "create temp table logged as select row_number() over (order by requested_at, server,"
                  + " customer_id) as log_row, * exclude (kind) from "
                  + files
                  + " where kind = 'lookup' and requested_at >= :since")
          .bind("since", Timestamp.from(since))
          .execute();
      handle.execute(
          "create temp table first_served as select server, version, min(requested_at) as first_served"
              + " from "
              + files
              + " where kind = 'first_served' group by all");
      handle.execute(
          "create temp table server_start as select server, min(requested_at) as started from "
              + files
              + " group by all");
      published(handle, manifest);
      long lookups = handle.createQuery("select count(*) from logged").mapTo(Long.class).one();
      if (lookups == 0) {
        throw new ConsistencyException(
            "no lookup is logged in "
                + log
                + " at or after "
                + since
                + ": give an earlier --since");
      }
      List<Path> trained = train(handle, scratch, manifest);
      handle.execute(
          "create temp table trained as select * from read_parquet(["
              + String.join(", ", trained.stream().map(SqlLiteral::of).toList())
              + "], union_by_name = true)");
      Map<String, Boolean> features = features(handle);
      judge(handle, features);
      return summarize(handle, since, lookups, features);
    } catch (SQLException e) {
      throw new LoyaltyLensException(
          "could not open DuckDB to check consistency: " + e.getMessage(), e);
    } finally {
      delete(scratch);
    }
  }

  /** The table {@code published (version, published_at)} of the manifest. */
  private static void published(Handle handle, PublishedManifest manifest) {
    handle.execute("create temp table published (version varchar, published_at timestamp)");
    for (PublishedVersion version : manifest.versions()) {
      handle
          .createUpdate("insert into published values (:version, :at)")
          .bind("version", version.version())
          .bind("at", Timestamp.from(version.publishedAt()))
          .execute();
    }
  }

  /**
   * Runs the training set on the logged answers as labels: the latest and as-of ones in one run,
   * those that named a version in one run pinned to it each. Returns the files written.
   */
  private List<Path> train(Handle handle, Path scratch, PublishedManifest manifest) {
    TrainingSet training = new TrainingSet(home, engine);
    List<Path> written = new ArrayList<>();
    Path labels = scratch.resolve("labels.parquet");
    writeLabels(handle, "asked <> 'version'", labels);
    Path byInstant = scratch.resolve("trained.parquet");
    training.build(labels, byInstant, Optional.empty());
    written.add(byInstant);
    List<String> pinned =
        handle
            .createQuery("select distinct version from logged where asked = 'version'")
            .mapTo(String.class)
            .list();
    for (int i = 0; i < pinned.size(); i++) {
      if (manifest.find(pinned.get(i)).isEmpty()) {
        // removed since it was served: its answers have nothing to be compared with, and count as
        // missing
        continue;
      }
      Path pinnedLabels = scratch.resolve("labels-" + i + ".parquet");
      writeLabels(
          handle, "asked = 'version' and version = " + SqlLiteral.of(pinned.get(i)), pinnedLabels);
      Path out = scratch.resolve("trained-" + i + ".parquet");
      training.build(pinnedLabels, out, Optional.of(pinned.get(i)));
      written.add(out);
    }
    return written;
  }

  private static void writeLabels(Handle handle, String where, Path file) {
    handle.execute(
        "copy (select customer_id, case when asked = 'as_of' then asked_as_of else requested_at end"
            + " as label_ts, log_row from logged where "
            + where
            + ") to "
            + SqlLiteral.of(file)
            + " (format parquet)");
  }

  /** The training set's feature columns, each with whether it is numeric. */
  private static Map<String, Boolean> features(Handle handle) {
    Map<String, Boolean> features = new LinkedHashMap<>();
    handle
        .createQuery("describe trained")
        .map((rs, ctx) -> Map.entry(rs.getString("column_name"), rs.getString("column_type")))
        .forEach(
            column -> {
              if (!KEYS.contains(column.getKey())) {
                String type = column.getValue().toUpperCase(Locale.ROOT);
                features.put(
                    column.getKey(),
                    type.matches("(TINY|SMALL|BIG|HUGE|U)?INT(EGER)?|DOUBLE|FLOAT|REAL|DECIMAL.*"));
              }
            });
    return features;
  }

  /**
   * The table {@code judged}: per logged answer, the version the training set chose, whether the
   * answer came from it ({@code same}), from one published before it, within its lag ({@code lag}),
   * from another version, or had no training row ({@code missing}); then per feature {@code match},
   * {@code differ}, {@code missing} or {@code lag}.
   */
  private static void judge(Handle handle, Map<String, Boolean> features) {
    List<String> states = new ArrayList<>();
    for (Map.Entry<String, Boolean> feature : features.entrySet()) {
      String name = feature.getKey();
      String served =
          feature.getValue()
              ? "try_cast(json_extract_string(l.answer, '$.features." + name + "') as double)"
              : "json_extract_string(l.answer, '$.features." + name + "')";
      String trained = "t.\"" + name + "\"::" + (feature.getValue() ? "double" : "varchar");
      states.add(
          "case when verdict = 'lag' then 'lag' when verdict = 'missing' then 'missing'"
              + " when "
              + served
              + " is not distinct from "
              + trained
              + " then 'match'"
              + " when "
              + trained
              + " is null then 'missing' else 'differ' end as \"state_"
              + name
              + "\"");
      states.add(served + "::varchar as \"served_" + name + "\"");
      states.add(trained + "::varchar as \"trained_" + name + "\"");
    }
    // A process that never answered from the training set's version (the log ended first) is given
    // the longest
    // lag measured.
    handle.execute(
        "create temp table verdicts as"
            + " select l.log_row, l.server, l.customer_id, l.requested_at, l.asked, l.version, t.feature_version,"
            + " case when t.feature_version is null then 'missing' when t.feature_version = l.version then 'same'"
            + " when l.asked = 'latest' and served.published_at < p.published_at"
            + " and l.requested_at < coalesce(f.first_served, p.published_at"
            + " + (select coalesce(max(lag), interval 0 second) from ("
            + LAGS
            + "))) then 'lag'"
            + " else 'other_version' end as verdict"
            + " from logged l left join trained t using (log_row)"
            + " left join first_served f on f.server = l.server and f.version = t.feature_version"
            + " left join published p on p.version = t.feature_version"
            + " left join published served on served.version = l.version");
    handle.execute(
        "create temp table judged as select v.*"
            + (states.isEmpty() ? "" : ", " + String.join(", ", states))
            + " from verdicts v join logged l using (log_row) left join trained t using (log_row)");
  }

  /**
   * Per serving process and version published while it ran, the lag from the publish to the
   * process's first answer from it; a process started after the publish says nothing of that lag.
   */
  private static final String LAGS =
      """
      select f.server, f.version, p.published_at, f.first_served, f.first_served - p.published_at as lag
      from first_served f join published p using (version) join server_start s using (server)
      where s.started < p.published_at
      """;

  private static ConsistencyReport summarize(
      Handle handle, Instant since, long lookups, Map<String, Boolean> features) {
    ObjectNode root = JSON.createObjectNode();
    Instant ranAt = Instant.now();
    Instant until =
        handle
            .createQuery("select max(requested_at) from logged")
            .mapTo(Timestamp.class)
            .findOne()
            .map(Timestamp::toInstant)
            .orElse(null);
    root.put("ran_at", ranAt.toString());
    root.put("since", since.toString());
    root.put("until", until == null ? null : until.toString());
    root.put("lookups", lookups);
    String anyDiffer =
        features.isEmpty()
            ? "false"
            : String.join(
                " or ",
                features.keySet().stream().map(f -> "\"state_" + f + "\" = 'differ'").toList());
    String anyMissing =
        features.isEmpty()
            ? "false"
            : String.join(
                " or ",
                features.keySet().stream().map(f -> "\"state_" + f + "\" = 'missing'").toList());
    ObjectNode answers = root.putObject("answers");
    long[] rows =
        handle
            .createQuery(
                "select count(*) filter (where verdict = 'lag'),"
                    + " count(*) filter (where verdict = 'other_version' or (verdict = 'same' and ("
                    + anyDiffer
                    + "))),"
                    + " count(*) filter (where verdict = 'missing' or (verdict = 'same' and not ("
                    + anyDiffer
                    + ") and ("
                    + anyMissing
                    + "))) from judged")
            .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
            .one();
    answers.put("matched", lookups - rows[0] - rows[1] - rows[2]);
    answers.put("lag", rows[0]);
    answers.put("differ", rows[1]);
    answers.put("missing", rows[2]);
    ObjectNode perFeature = root.putObject("features");
    for (String feature : features.keySet()) {
      ObjectNode node = perFeature.putObject(feature);
      handle
          .createQuery("select \"state_" + feature + "\", count(*) from judged group by 1")
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
          .forEach(state -> node.put(state.getKey(), state.getValue()));
      for (String state : List.of("match", "lag", "differ", "missing")) {
        if (!node.has(state)) {
          node.put(state, 0);
        }
        node.put(state + "_share", (double) node.path(state).asLong() / lookups);
      }
    }
    ArrayNode served = root.putArray("served_versions");
    handle
        .createQuery(
            "select version, count(*), min(requested_at), max(requested_at) from logged group by 1"
                + " order by 3")
        .map(
            (rs, ctx) ->
                JSON.createObjectNode()
                    .put("version", rs.getString(1))
                    .put("lookups", rs.getLong(2))
                    .put("from", rs.getTimestamp(3).toInstant().toString())
                    .put("to", rs.getTimestamp(4).toInstant().toString()))
        .forEach(served::add);
    ArrayNode lags = root.putArray("publish_lags");
    handle
        .createQuery(
            "select server, version, published_at, first_served,"
                + " epoch_ms(first_served) - epoch_ms(published_at) from ("
                + LAGS
                + ") order by published_at, server")
        .map(
            (rs, ctx) ->
                JSON.createObjectNode()
                    .put("server", rs.getString(1))
                    .put("version", rs.getString(2))
                    .put("published_at", rs.getTimestamp(3).toInstant().toString())
                    .put("first_served", rs.getTimestamp(4).toInstant().toString())
                    .put("lag_ms", rs.getLong(5)))
        .forEach(lags::add);
    ArrayNode examples = root.putArray("unexplained");
    for (String feature : features.keySet()) {
      handle
          .createQuery(
              "select customer_id, requested_at, version, feature_version, verdict, \"served_"
                  + feature
                  + "\", \"trained_"
                  + feature
                  + "\" from judged where verdict = 'other_version' or \"state_"
                  + feature
                  + "\" in ('differ', 'missing') order by log_row limit "
                  + EXAMPLES)
          .map(
              (rs, ctx) ->
                  JSON.createObjectNode()
                      .put("feature", feature)
                      .put("customer_id", rs.getString(1))
                      .put("requested_at", rs.getTimestamp(2).toInstant().toString())
                      .put("served_version", rs.getString(3))
                      .put("training_version", rs.getString(4))
                      .put("verdict", rs.getString(5))
                      .put("served", rs.getString(6))
                      .put("trained", rs.getString(7)))
          .forEach(
              example -> {
                if (examples.size() < EXAMPLES) {
                  examples.add(example);
                }
              });
    }
    return new ConsistencyReport(ranAt, since, until, lookups, rows[1] + rows[2], root);
  }

  /**
   * The log's Parquet files, in name order; a file still being written ends in .tmp and is not one
   * of them.
   */
  private static List<Path> logFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new LoyaltyLensException("could not list " + dir + ": " + e.getMessage(), e);
    }
  }

  private Path scratch() {
    try {
      Files.createDirectories(home.spillDir());
      return Files.createTempDirectory(home.spillDir(), "consistency-");
    } catch (IOException e) {
      throw new LoyaltyLensException(
          "could not make a scratch folder in " + home.spillDir() + ": " + e.getMessage(), e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // scratch files in the home's tmp/ are harmless and replaced by the next run
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("memory_limit", engine.memoryLimit());
    properties.setProperty("threads", Integer.toString(engine.threads()));
    properties.setProperty("temp_directory", home.spillDir().toString());
    return DuckDbConnections.open("jdbc:duckdb:", properties);
  }
}
