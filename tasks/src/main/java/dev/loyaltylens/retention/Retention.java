package dev.loyaltylens.retention;

import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Carries out a {@link RetentionPlan} in three steps, each safe to crash after, like publishing:
 *
 * <ol>
 *   <li>one transaction deletes the versions' vectors and quarantined rows and marks them {@code removed} in the
 *       registry, with the time;
 *   <li>the manifest is rewritten from the registry, so readers stop seeing them;
 *   <li>their snapshot files are deleted (a reader that still has one open keeps reading it until it closes).
 * </ol>
 *
 * A crash after step 1 leaves snapshots of removed versions behind; the next run deletes them.
 */
public final class Retention {

  private Retention() {}

  /** What a run removed. */
  public record Outcome(RetentionPlan plan, long featureRows, long quarantineRows, List<Path> snapshotsDeleted) {}

  public static Outcome apply(FeatureStore store, RetentionPlan plan, Instant removedAt) {
    List<VersionRecord> removed = plan.removed();
    long[] rows = {0, 0};
    if (!removed.isEmpty()) {
      store.handle().useTransaction(
          tx -> {
            listRemoved(tx, removed);
            rows[0] = tx.execute("delete from features where version in (select version from removal)");
            rows[1] = tx.execute("delete from quarantine where version in (select version from removal)");
            for (VersionRecord version : removed) {
              store.registry().markRemoved(version.version(), removedAt);
            }
            tx.execute("drop table removal");
          });
    }
    PublishedSnapshots.syncManifest(store);
    List<Path> deleted = new ArrayList<>();
    for (VersionRecord version : store.registry().all()) {
      if (version.isRemoved()) {
        deleteSnapshot(store.home(), version.version()).ifPresent(deleted::add);
      }
    }
    return new Outcome(plan, rows[0], rows[1], deleted);
  }

  private static void listRemoved(Handle tx, List<VersionRecord> removed) {
    tx.execute("create or replace temp table removal (version varchar)");
    PreparedBatch batch = tx.prepareBatch("insert into removal values (:version)");
    removed.forEach(version -> batch.bind("version", version.version()).add());
    batch.execute();
  }

  private static Optional<Path> deleteSnapshot(StoreHome home, String version) {
    Path snapshot = home.snapshot(version);
    try {
      return PublishedSnapshots.delete(home, version) ? Optional.of(snapshot) : Optional.empty();
    } catch (IOException e) {
      throw new RetentionException(
          "could not delete the snapshot " + snapshot + " of removed version " + version + ": " + e.getMessage()
              + "; delete it by hand or run `gc` again");
    }
  }
}
