package dev.loyaltylens.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Publishes a validated version in three steps, each safe to crash after:
 *
 * <ol>
 *   <li>the version's vectors are written to its snapshot file ({@link PublishedSnapshots#write});
 *   <li>the registry row turns {@code published}: this single update is the commit point;
 *   <li>{@code published/manifest.json} is rewritten from the registry by an atomic rename.
 * </ol>
 *
 * A crash before step 2 leaves the old version latest; after it, the new one. Every command repairs a manifest
 * left stale by a crash between steps 2 and 3 when it opens the store ({@link PublishedSnapshots#syncManifest}).
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
    if (!Files.exists(store.home().snapshot(version))) {
      String names = store.featureColumns().stream().map(FeatureColumn::name).collect(Collectors.joining(", "));
      PublishedSnapshots.write(
          store.handle().getConnection(), store.home(), version,
          "select customer_id, " + names + " from features where version = ?", version);
    }
    CrashPoint.reach("after-snapshot");
    if (!record.isPublished()) {
      store.registry().markPublished(version, Instant.now());
    }
    CrashPoint.reach("after-commit");
    PublishedSnapshots.syncManifest(store);
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
}
