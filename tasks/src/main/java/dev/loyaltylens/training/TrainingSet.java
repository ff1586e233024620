package dev.loyaltylens.training;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.SqlLiteral;
import dev.loyaltylens.store.StoreHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds a training set: each label row gets the features of the published version with the latest
 * as-of at or before its {@code label_ts}, and that version's id in {@code feature_version}.
 *
 * <p>A version as of T was computed from events before T only, so pairing a label with a version
 * whose as-of is at or before the label's instant never lets a later event leak into its features.
 * The version is chosen per row first, the customer looked up in it second: a customer missing from
 * that version gets null features, as serving would have answered then, never the stale vector of
 * an older version. The version of a label is the one in force at its label_ts ({@link
 * PublishedManifest#inForceAt}), the rule serving's {@code ?as_of=} follows too.
 */
public final class TrainingSet {

  private final StoreHome home;
  private final EngineSettings engine;

  public TrainingSet(StoreHome home, EngineSettings engine) {
    this.home = home;
    this.engine = engine;
  }

  /**
   * What was written, row by row.
   *
   * @param withoutVersion rows whose label_ts is before the as-of of every published version: null
   *     features
   * @param customerAbsent rows whose customer is not in the version chosen for them: null features
   * @param beforePinnedAsOf with a pinned version, rows whose label_ts is before its as-of, whose
   *     features may have seen events after the label
   * @param firstAsOf the earliest as-of among the versions drawn on
   */
  public record Summary(
      long rows,
      long matched,
      long withoutVersion,
      long customerAbsent,
      long beforePinnedAsOf,
      long versionsUsed,
      Instant firstAsOf,
      List<String> featureColumns,
      Duration took) {}

  /**
   * Writes the training set of {@code labels} to {@code out}; with a {@code version}, every row
   * uses that one.
   */
  public Summary build(Path labels, Path out, Optional<String> version) {
    long started = System.nanoTime();
    TableFormat outFormat = TableFormat.of(out, "output file");
    List<PublishedVersion> versions = versions(version);
    try (Connection connection = connect();
        Handle handle = Jdbi.create(connection).open()) {
      List<String> labelColumns = LabelsFile.load(handle, labels.toAbsolutePath());
      List<String> features = PublishedFeatures.attach(handle, home, versions);
      requireNoClash(labels, labelColumns, features);
      chooseVersions(handle, version.isPresent());
      long beforePinnedAsOf =
          version.isEmpty()
              ? 0
              : handle
                  .createQuery(
                      "select count(*) from label_keys, published_versions where label_at < published_versions.as_of")
                  .mapTo(Long.class)
                  .one();
      match(handle, features);
      write(handle, features, out.toAbsolutePath(), outFormat);
      return summarize(
          handle,
          beforePinnedAsOf,
          versions,
          features,
          Duration.ofNanos(System.nanoTime() - started));
    } catch (SQLException e) {
      throw new LoyaltyLensException(
          "could not open DuckDB for the training set: " + e.getMessage(), e);
    }
  }

  private List<PublishedVersion> versions(Optional<String> version) {
    home.requireStore();
    PublishedManifest manifest =
        PublishedManifest.read(home)
            .filter(m -> !m.versions().isEmpty())
            .orElseThrow(
                () ->
                    new NotPublishedException(
                        "nothing is published in "
                            + home.root()
                            + ": a training set draws on published versions only; run"
                            + " `pipeline` or `publish` first"));
    if (version.isEmpty()) {
      // Only these can be chosen for a label; the others were published over by a version of the
      // same as-of.
      return manifest.inForceCandidates();
    }
    return List.of(
        manifest
            .find(version.get())
            .orElseThrow(
                () ->
                    new NotPublishedException(
                        "version `"
                            + version.get()
                            + "` is not published in "
                            + home.root()
                            + ": run `versions` to list the published ones")));
  }

  /**
   * The temp table {@code chosen (label_row, customer_id, feature_version)}: one version, or none,
   * per label.
   */
  private static void chooseVersions(Handle handle, boolean pinned) {
    if (pinned) {
      handle.execute(
          "create temp table chosen as select k.label_row, k.customer_id, v.feature_version"
              + " from label_keys k cross join published_versions v");
      return;
    }
    // One candidate per as-of (PublishedManifest.inForceCandidates), so the as-of join picks the
    // version in force.
    handle.execute(
        """
        create temp table chosen as
        select k.label_row, k.customer_id, v.feature_version
        from label_keys k
        asof left join published_versions v on k.label_at >= v.as_of
        """);
  }

  /**
   * The temp table {@code matched}: per label row, its version, whether the customer is in it, and
   * its features.
   */
  private static void match(Handle handle, List<String> features) {
    handle.execute(
        "create temp table matched as select c.label_row, c.feature_version, f.customer_id is not null as found"
            + prefixed(", f.", features)
            + " from chosen c left join published_features f"
            + " on f.feature_version = c.feature_version and f.customer_id = c.customer_id");
  }

  private static void write(Handle handle, List<String> features, Path out, TableFormat format) {
    Path temporary = out.resolveSibling("." + out.getFileName() + ".tmp");
    try {
      Files.createDirectories(out.getParent());
      Files.deleteIfExists(temporary);
      handle.execute(
          "copy (select l.*, m.feature_version"
              + prefixed(", m.", features)
              + " from labels l join matched m on m.label_row = l.rowid order by m.label_row) to "
              + SqlLiteral.of(temporary)
              + " "
              + format.copyOptions());
      Files.move(
          temporary, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new LoyaltyLensException(
          "could not write the training set " + out + ": " + e.getMessage(), e);
    }
  }

  private static Summary summarize(
      Handle handle,
      long beforePinnedAsOf,
      List<PublishedVersion> versions,
      List<String> features,
      Duration took) {
    return handle
        .createQuery(
            "select count(*), count(*) filter (where found), count(*) filter (where feature_version is null),"
                + " count(*) filter (where feature_version is not null and not found), count(distinct feature_version)"
                + " from matched")
        .map(
            (rs, ctx) ->
                new Summary(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    beforePinnedAsOf,
                    rs.getLong(5),
                    versions.stream()
                        .map(PublishedVersion::asOf)
                        .min(Instant::compareTo)
                        .orElseThrow(),
                    features,
                    took))
        .one();
  }

  private static void requireNoClash(
      Path labels, List<String> labelColumns, List<String> features) {
    for (String column : labelColumns) {
      if (column.equalsIgnoreCase("feature_version")
          || features.stream().anyMatch(feature -> feature.equalsIgnoreCase(column))) {
        throw new BadLabelsException(
            "labels file "
                + labels
                + " has a column `"
                + column
                + "`, which the training set adds: rename or drop"
                + " it");
      }
    }
  }

  private static String prefixed(String prefix, List<String> columns) {
    return columns.stream()
        .map(column -> prefix + '"' + column + '"')
        .collect(Collectors.joining());
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("memory_limit", engine.memoryLimit());
    properties.setProperty("threads", Integer.toString(engine.threads()));
    properties.setProperty("temp_directory", home.spillDir().toString());
    return DuckDbConnections.open("jdbc:duckdb:", properties);
  }
}
