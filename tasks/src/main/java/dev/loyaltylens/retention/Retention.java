package dev.loyaltylens.retention;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.materialization.Materializer;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Carries out a {@link RetentionPlan} in three steps, each safe to crash after, like publishing:
 *
 * <ol>
 *   <li>one transaction deletes the versions' vectors and quarantined rows and marks them {@code
 *       removed} in the registry, with the time;
 *   <li>the manifest is rewritten from the registry, so readers stop seeing them;
 *   <li>their snapshot files are deleted (a reader that still has one open keeps reading it until
 *       it closes).
 * </ol>
 *
 * A crash after step 1 leaves snapshots of removed versions behind; the next run deletes them.
 *
 * <p>With an online store, its readers stop seeing the removed versions first: before step 1 its
 * pointer is on the latest version with a manifest that no longer lists them. After step 2 it drops
 * every version it no longer keeps ({@link Materializer}), by SCAN and UNLINK, which never blocks
 * it.
 */
public final class Retention {

  private Retention() {}

  /** What a run removed. */
  public record Outcome(
      RetentionPlan plan, long featureRows, long quarantineRows, List<Path> snapshotsDeleted) {}

  public static Outcome apply(FeatureStore store, RetentionPlan plan, Instant removedAt) {
    return apply(store, plan, removedAt, null);
  }

  /** Carries out a plan, keeping an online store (when not null) in step. */
  public static Outcome apply(
      FeatureStore store, RetentionPlan plan, Instant removedAt, Materializer online) {
    List<VersionRecord> removed = plan.removed();
    if (online != null && !removed.isEmpty()) {
      Set<String> going = removed.stream().map(VersionRecord::version).collect(Collectors.toSet());
      try {
        online.follow();
        PublishedManifest.read(store.home())
            .ifPresent(
                manifest ->
                    online.point(
                        new PublishedManifest(
                            manifest.latest(),
                            manifest.versions().stream()
                                .filter(v -> !going.contains(v.version()))
                                .toList())));
      } catch (OnlineStoreException e) {
        throw new LoyaltyLensException(
            "gc removed nothing: "
                + e.getMessage()
                + "; run it again once the online"
                + " store answers",
            e);
      }
    }
    long[] rows = {0, 0};
    if (!removed.isEmpty()) {
      store
          .handle()
          .useTransaction(
              tx -> {
                listRemoved(tx, removed);
                rows[0] =
                    tx.execute(
                        "delete from features where version in (select version from removal)");
                rows[1] =
                    tx.execute(
                        "delete from quarantine where version in (select version from removal)");
                for (VersionRecord version : removed) {
                  store.registry().markRemoved(version.version(), removedAt);
                }
                tx.execute("drop table removal");
              });
    }
    PublishedSnapshots.syncManifest(store);
    if (online != null) {
      try {
        online.follow();
      } catch (OnlineStoreException e) {
        throw new LoyaltyLensException(
            "gc removed "
                + removed.size()
                + " version(s) from the registry, but "
                + online.address()
                + " still holds some of their vectors (no reader is pointed at them): "
                + e.getMessage()
                + "; run gc again once it answers",
            e);
      }
    }
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
          "could not delete the snapshot "
              + snapshot
              + " of removed version "
              + version
              + ": "
              + e.getMessage()
              + "; delete it by hand or run `gc` again");
    }
  }
}
