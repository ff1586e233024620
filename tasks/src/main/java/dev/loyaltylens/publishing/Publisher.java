package dev.loyaltylens.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.materialization.Materializer;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Publishes a validated version in steps, each safe to crash after:
 *
 * <ol>
 *   <li>the version's vectors are written to its snapshot file ({@link PublishedSnapshots#write}),
 *       and the file's SHA-256 is kept in the registry;
 *   <li>with an online store, they are loaded there from the snapshot and counted, without becoming
 *       current;
 *   <li>the registry row turns {@code published}: this single update is the commit point;
 *   <li>{@code published/manifest.json} is rewritten from the registry by an atomic rename;
 *   <li>with an online store, its pointer moves to the version, with the manifest, by one update;
 *       then the versions it no longer keeps are dropped.
 * </ol>
 *
 * A crash or a lost online store before step 3 leaves the old version latest everywhere; after it,
 * the new one is the latest. Every command repairs a manifest left stale by a crash between steps 3
 * and 4 when it opens the store ({@link PublishedSnapshots#syncManifest}), and one given the online
 * store repairs its pointer; publishing again finishes every step. No reader ever sees a version
 * the registry does not call published.
 *
 * <p>A snapshot already there is checked first, against the checksum in the registry (or, for one
 * published before checksums were kept, by reading it): one that is missing, corrupt or replaced is
 * written again from the features table, so publishing a version again is how its snapshot is
 * repaired.
 */
public final class Publisher {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Publisher() {}

  /**
   * Publishes a version; publishing one that is already published checks its snapshot and repairs
   * it.
   */
  public static VersionRecord publish(FeatureStore store, String version) {
    return publish(store, version, null, note -> {});
  }

  /**
   * As {@link #publish(FeatureStore, String)}, telling {@code notes} about a snapshot it had to
   * repair.
   */
  public static VersionRecord publish(FeatureStore store, String version, Consumer<String> notes) {
    return publish(store, version, null, notes);
  }

  /**
   * Publishes a version and, when {@code online} is not null, materializes it there ({@link
   * Materializer}).
   *
   * @param log told about a snapshot it had to repair and the online store's progress, one line at
   *     a time
   */
  public static VersionRecord publish(
      FeatureStore store, String version, OnlineStore online, Consumer<String> log) {
    VersionRecord record = store.registry().require(version);
    if (record.status() == VersionStatus.FAILED) {
      throw new LoyaltyLensException(
          "version "
              + version
              + " failed validation ("
              + firstFailure(record)
              + "): it cannot be published; fix"
              + " its input and compute it again");
    }
    if (record.status() != VersionStatus.VALIDATED && !record.isPublished()) {
      throw new LoyaltyLensException(
          "version "
              + version
              + " is "
              + record.status().dbValue()
              + ", not validated: run `validate --version "
              + version
              + "` and publish it once it passes");
    }
    ensureSnapshot(store, record, log);
    CrashPoint.reach("after-snapshot");
    Materializer materializer = online == null ? null : new Materializer(store, online, log);
    if (materializer != null && !record.isPublished()) {
      try {
        materializer.load(record);
      } catch (OnlineStoreException e) {
        throw new LoyaltyLensException(
            "version "
                + version
                + " is not published: "
                + e.getMessage()
                + "; the latest version is unchanged everywhere: publish again once the online store answers",
            e);
      }
    }
    if (!record.isPublished()) {
      store.registry().markPublished(version, Instant.now());
    }
    CrashPoint.reach("after-commit");
    PublishedSnapshots.syncManifest(store);
    if (materializer != null) {
      follow(materializer, version + " is published");
    }
    return store.registry().require(version);
  }

  /**
   * Makes sure a published or validated version's snapshot is in place and is the file it was
   * published as, writing it again from the features table when it is not.
   */
  static void ensureSnapshot(FeatureStore store, VersionRecord record, Consumer<String> notes) {
    String version = record.version();
    StoreHome home = store.home();
    boolean present = Files.exists(home.snapshot(version));
    Optional<String> problem =
        present
            ? PublishedSnapshots.problem(home, version, record.rowCount(), record.snapshotSha256())
            : Optional.empty();
    if (!present || problem.isPresent()) {
      write(store, record);
      problem.ifPresent(p -> notes.accept(version + ": " + p + "; rebuilt it from the store"));
    } else if (record.snapshotSha256() == null) {
      store.registry().recordSnapshot(version, PublishedSnapshots.sha256(home.snapshot(version)));
    }
  }

  /**
   * The online steps after a commit; a failure says that the registry has moved on and the online
   * store lags.
   */
  static void follow(Materializer materializer, String committed) {
    try {
      materializer.follow();
    } catch (OnlineStoreException e) {
      throw new LoyaltyLensException(
          committed
              + " in the registry, but the online store "
              + materializer.address()
              + " lags behind: "
              + e.getMessage()
              + "; its readers keep the version they serve until this command"
              + " (or any command given --online) runs again once it answers",
          e);
    }
  }

  /** Writes the snapshot from the features table, checks its rows, and keeps its checksum. */
  private static void write(FeatureStore store, VersionRecord record) {
    String version = record.version();
    String names =
        store.featureColumns().stream().map(FeatureColumn::name).collect(Collectors.joining(", "));
    long rows =
        store
            .handle()
            .createQuery("select count(*) from features where version = :version")
            .bind("version", version)
            .mapTo(Long.class)
            .one();
    if (rows != record.rowCount()) {
      throw new LoyaltyLensException(
          "version "
              + version
              + " has "
              + rows
              + " rows in the features table, not the "
              + record.rowCount()
              + " it was computed with"
              + (record.isRemoved() ? " (gc removed it)" : "")
              + ": its snapshot cannot be written from the store; compute it again");
    }
    PublishedSnapshots.write(
        store.handle().getConnection(),
        store.home(),
        version,
        "select customer_id, " + names + " from features where version = ?",
        version);
    Optional<String> written = PublishedSnapshots.problem(store.home(), version, rows, null);
    if (written.isPresent()) {
      throw new LoyaltyLensException(
          "version " + version + ": " + written.get() + " right after writing it");
    }
    store
        .registry()
        .recordSnapshot(version, PublishedSnapshots.sha256(store.home().snapshot(version)));
  }

  /**
   * The first failure the report of a failed version names: a check of the gate, or staging's own.
   */
  private static String firstFailure(VersionRecord record) {
    try {
      JsonNode report = JSON.readTree(String.valueOf(record.validationReport()));
      for (JsonNode check : report.path("checks")) {
        if (!check.path("passed").asBoolean(true)) {
          return check.path("message").asText();
        }
      }
      return report.path("failures").path(0).asText("see `versions`");
    } catch (IOException e) {
      return "see `versions`";
    }
  }
}
