package dev.loyaltylens.materialization;

import dev.loyaltylens.online.OnlinePointer;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineVersion;
import dev.loyaltylens.online.SnapshotVectors;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.VersionRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps an online store in step with a home's registry. Three moves, each safe to repeat and to
 * crash in:
 *
 * <ol>
 *   <li>{@link #load}: a version's vectors from its snapshot, counted, then complete (not current);
 *   <li>{@link #follow}: the pointer moved to the registry's latest version, by one update that
 *       also keeps the manifest (what {@code published/manifest.json} says) beside it;
 *   <li>then every version the online store holds but retention does not keep is dropped, without
 *       blocking it.
 * </ol>
 *
 * <p>The online store keeps the latest version, the previous one (the one made current before it,
 * for a quick rollback) and every pinned one. It only ever points at a version that the registry
 * calls published: loads happen before a registry commit, the pointer moves after it.
 */
public final class Materializer {

  private static final long PROGRESS_EVERY_ROWS = 500_000;

  private final FeatureStore store;
  private final OnlineStore online;
  private final Consumer<String> log;

  /**
   * @param log told what happens, one line at a time (progress of long loads included)
   */
  public Materializer(FeatureStore store, OnlineStore online, Consumer<String> log) {
    this.store = store;
    this.online = online;
    this.log = log;
  }

  /**
   * Loads a published or validated version's snapshot into the online store, unless it is complete
   * there already; it does not become current.
   */
  public OnlineVersion load(VersionRecord version) {
    Optional<OnlineVersion> there = online.find(version.version());
    if (there.isPresent() && there.get().isComplete()) {
      return there.get();
    }
    long start = System.nanoTime();
    long[] reported = {0};
    OnlineVersion loaded;
    try (SnapshotVectors source = SnapshotVectors.open(store.home(), version.version())) {
      log.accept(
          String.format(
              Locale.ROOT,
              "loading %s into %s: %,d vectors",
              version.version(),
              online.address(),
              source.rowCount()));
      loaded =
          online.load(
              version.version(),
              version.asOf(),
              source,
              rows -> {
                if (rows - reported[0] >= PROGRESS_EVERY_ROWS && rows < source.rowCount()) {
                  reported[0] = rows;
                  log.accept(
                      String.format(
                          Locale.ROOT,
                          "loading %s: %,d of %,d vectors (%d%%), %.1f s",
                          version.version(),
                          rows,
                          source.rowCount(),
                          100 * rows / source.rowCount(),
                          seconds(start)));
                }
              });
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "%s is complete in %s: %,d vectors counted, %.1f MB per million customers, in %.1f s",
            version.version(),
            online.address(),
            loaded.rowCount(),
            loaded.memoryPerMillionCustomers() / 1e6,
            seconds(start)));
    return loaded;
  }

  /**
   * Makes the online store follow the registry: loads the latest version if it is not complete
   * there, points at it with the manifest, then drops the versions retention does not keep. Nothing
   * changes before anything is published.
   */
  public void follow() {
    Optional<VersionRecord> latest = store.registry().latestPublished();
    PublishedManifest manifest = PublishedManifest.read(store.home()).orElse(null);
    if (latest.isEmpty() || manifest == null || !latest.get().version().equals(manifest.latest())) {
      return;
    }
    if (!online.find(latest.get().version()).map(OnlineVersion::isComplete).orElse(false)) {
      load(latest.get());
    }
    point(manifest);
    Set<String> kept = kept();
    List<String> dropped = new ArrayList<>();
    for (OnlineVersion held : online.versions()) {
      if (!kept.contains(held.version())) {
        online.drop(held.version());
        dropped.add(held.version());
      }
    }
    if (!dropped.isEmpty()) {
      log.accept(
          "dropped "
              + String.join(", ", dropped)
              + " from "
              + online.address()
              + "; it keeps "
              + String.join(", ", kept.stream().filter(v -> !dropped.contains(v)).toList()));
    }
  }

  /**
   * Points the online store at {@code manifest}'s latest version with that manifest, unless it does
   * already; the version must be complete there.
   */
  public void point(PublishedManifest manifest) {
    if (!online.follows(manifest)) {
      String before = online.pointer().map(OnlinePointer::version).orElse(null);
      online.makeCurrent(manifest);
      if (!manifest.latest().equals(before)) {
        log.accept(
            online.address()
                + " now serves "
                + manifest.latest()
                + (before == null ? "" : " (it served " + before + ")"));
      }
    }
  }

  /**
   * What every command given the online store does when it opens the home: points the online store
   * at the registry's latest version when that version is complete there and the pointer or its
   * manifest lag (a publish, rollback or gc that stopped between its commit and its flip). It never
   * loads nor drops: that is for publish, rollback and gc. Returns what it did, if anything.
   */
  public static Optional<String> repair(FeatureStore store, OnlineStore online) {
    PublishedManifest manifest = PublishedManifest.read(store.home()).orElse(null);
    if (manifest == null
        || manifest.latest() == null
        || online.follows(manifest)
        || !online.find(manifest.latest()).map(OnlineVersion::isComplete).orElse(false)) {
      return Optional.empty();
    }
    online.makeCurrent(manifest);
    return Optional.of(
        online.address() + " now serves " + manifest.latest() + ", the registry's latest version");
  }

  /**
   * The versions the online store keeps: the latest, the one made current before it, and every
   * pinned one.
   */
  private Set<String> kept() {
    List<VersionRecord> published =
        store.registry().published().stream().sorted(VersionRecord.LATEST_FIRST).toList();
    Set<String> kept = new LinkedHashSet<>();
    for (int i = 0; i < published.size(); i++) {
      if (i < 2 || published.get(i).isPinned()) {
        kept.add(published.get(i).version());
      }
    }
    return kept;
  }

  /** The online store as a user wrote its address, for messages. */
  public String address() {
    return online.address();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
