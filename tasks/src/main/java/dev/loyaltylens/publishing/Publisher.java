package dev.loyaltylens.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatus;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Publishes a validated version in three steps, each safe to crash after:
 *
 * <ol>
 *   <li>the version's vectors are written to {@code published/V.duckdb.tmp}, synced, and renamed into place;
 *   <li>the registry row turns {@code published}: this single update is the commit point;
 *   <li>{@code published/manifest.json} is rewritten from the registry by an atomic rename.
 * </ol>
 *
 * A crash before step 2 leaves the old version latest; after it, the new one. Every command repairs a manifest
 * left stale by a crash between steps 2 and 3 when it opens the store ({@link #syncManifest}).
 */
public final class Publisher {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Publisher() {}

  /** Publishes a version; publishing one that is already published only makes sure its files are in place. */
  public static VersionRecord publish(FeatureStore store, String version) {
    VersionRecord record = store.registry().require(version);
    if (record.status() == VersionStatus.FAILED) {
      throw new LoyaltyLensException(
          "version " + version + " failed validation (" + firstFailure(record) + "): it cannot be published; fix"
              + " its input and compute it again");
    }
    if (record.status() != VersionStatus.VALIDATED && !record.isPublished()) {
      throw new LoyaltyLensException(
          "version " + version + " is " + record.status().dbValue() + ", not validated: run `validate --version "
              + version + "` and publish it once it passes");
    }
    StoreHome home = store.home();
    if (!Files.exists(home.snapshot(version))) {
      writeSnapshot(store.handle(), home, version, store.featureColumns());
    }
    CrashPoint.reach("after-snapshot");
    if (!record.isPublished()) {
      store.registry().markPublished(version, Instant.now());
    }
    CrashPoint.reach("after-commit");
    syncManifest(store);
    return store.registry().require(version);
  }

  /** The first failure the report of a failed version names: a check of the gate, or staging's own. */
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

  /** Rewrites the manifest from the registry when it differs: the registry is the source of truth. */
  public static void syncManifest(FeatureStore store) {
    List<PublishedVersion> published = new ArrayList<>();
    for (VersionRecord record : store.registry().published()) {
      if (Files.exists(store.home().snapshot(record.version()))) {
        published.add(toPublished(store, record));
      }
    }
    Optional<String> latest =
        store.registry().latestPublished().map(VersionRecord::version)
            .filter(v -> published.stream().anyMatch(p -> p.version().equals(v)));
    PublishedManifest manifest = new PublishedManifest(latest.orElse(null), published);
    Optional<PublishedManifest> current = PublishedManifest.read(store.home());
    if (current.isEmpty() || !current.get().equals(manifest)) {
      manifest.write(store.home());
    }
  }

  private static PublishedVersion toPublished(FeatureStore store, VersionRecord record) {
    JsonNode stats = JSON.createObjectNode();
    if (record.validationReport() != null) {
      try {
        stats = JSON.readTree(record.validationReport()).path("stats");
      } catch (IOException e) {
        throw new LoyaltyLensException("the validation report of " + record.version() + " is not JSON", e);
      }
    }
    // The gate measured every column the version has; later migrations' columns are not in its snapshot.
    List<FeatureColumn> columns = new ArrayList<>();
    stats.fields().forEachRemaining(
        field -> columns.add(new FeatureColumn(field.getKey(), field.getValue().path("type").asText())));
    return new PublishedVersion(
        record.version(), record.asOf(), record.publishedAt(), record.rowCount(),
        store.home().snapshot(record.version()).getFileName().toString(), columns, stats);
  }

  private static void writeSnapshot(Handle handle, StoreHome home, String version, List<FeatureColumn> columns) {
    Path target = home.snapshot(version);
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Path temporaryWal = temporary.resolveSibling(temporary.getFileName() + ".wal");
    try {
      Files.deleteIfExists(temporary);
      Files.deleteIfExists(temporaryWal);
      String names = columns.stream().map(FeatureColumn::name).collect(Collectors.joining(", "));
      handle.execute("attach '" + temporary.toString().replace("'", "''") + "' as snapshot");
      try {
        // Sorted by id so DuckDB's zone maps let a point lookup skip every other row group.
        handle.createUpdate(
                "create table snapshot.features as select customer_id, " + names
                    + " from features where version = :version order by customer_id")
            .bind("version", version)
            .execute();
        // Everything into the file itself: a WAL would not follow the rename, and replaying one read-only fails.
        handle.execute("checkpoint snapshot");
      } catch (RuntimeException e) {
        // a failed write (a full disk) must not leave the attachment, nor be hidden by a failing detach
        try {
          handle.execute("detach snapshot");
        } catch (RuntimeException detach) {
          e.addSuppressed(detach);
        }
        throw e;
      }
      handle.execute("detach snapshot");
      if (Files.exists(temporaryWal)) {
        throw new LoyaltyLensException("the snapshot " + temporary + " kept a write-ahead log: publish again");
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(e, temporary, temporaryWal);
      throw new LoyaltyLensException(
          "could not write the snapshot file \"" + temporary + "\" of " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(e, temporary, temporaryWal);
      throw e;
    }
  }

  /** Removes what a failed snapshot left; a file that cannot be removed is named on the failure. */
  private static void deleteQuietly(Exception failure, Path... files) {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
