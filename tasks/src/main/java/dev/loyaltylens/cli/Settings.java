package dev.loyaltylens.cli;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.materialization.Materializer;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.OnlineStores;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.UnreadableManifestException;
import java.nio.file.Path;

/**
 * Where a command works and with how much of the machine, read once from the options and the
 * environment.
 *
 * @param online the online store kept in step with the registry, as the user wrote its address;
 *     null for none
 */
record Settings(
    StoreHome home, Path sqlDir, Path migrationsDir, EngineSettings engine, String online) {

  static Settings of(Path home, Path sql, Path migrations, String memoryLimit, String online) {
    return new Settings(
        new StoreHome(home),
        sql.toAbsolutePath().normalize(),
        migrations.toAbsolutePath().normalize(),
        new EngineSettings(memoryLimit, Runtime.getRuntime().availableProcessors()),
        online == null || online.isBlank() ? null : OnlineStores.check(online));
  }

  /**
   * Opens the store, creating it when the home has none, migrated, with a manifest that agrees with
   * the registry; when an online store is set, its pointer is repaired too ({@link
   * Materializer#repair}), as far as it can be reached: this command's work does not depend on it,
   * so an unreachable one is a warning.
   */
  FeatureStore openStore() {
    return repairingOnline(synced(FeatureStore.open(home, migrationsDir, engine), null));
  }

  /**
   * Opens the store as {@link #openStore} does, but fails when the home holds none: only compute
   * creates one.
   */
  FeatureStore openExistingStore() {
    return repairingOnline(synced(FeatureStore.openExisting(home, migrationsDir, engine), null));
  }

  /**
   * Opens the store as {@link #openExistingStore()} does, for a command that works on the online
   * store itself ({@link #openOnline}, or null): repairing its pointer is part of that work, and a
   * failure is the command's failure.
   */
  FeatureStore openExistingStore(OnlineStore onlineStore) {
    return synced(FeatureStore.openExisting(home, migrationsDir, engine), onlineStore);
  }

  private FeatureStore repairingOnline(FeatureStore store) {
    if (online != null) {
      try (OnlineStore onlineStore = OnlineStores.open(online)) {
        Materializer.repair(store, onlineStore)
            .ifPresent(line -> Progress.toStderr().accept("online: " + line));
      } catch (OnlineStoreException e) {
        System.err.println(
            "warning: "
                + e.getMessage()
                + " (the online store is brought in step by the next command that reaches it)");
      }
    }
    return store;
  }

  private FeatureStore synced(FeatureStore store, OnlineStore onlineStore) {
    try {
      PublishedSnapshots.syncManifest(store)
          .ifPresent(
              problem ->
                  System.err.println(
                      "loyaltylens: "
                          + home.manifest()
                          + " could not be read ("
                          + problem
                          + "): rewritten from the registry"));
      if (onlineStore != null) {
        Materializer.repair(store, onlineStore)
            .ifPresent(line -> Progress.toStderr().accept("online: " + line));
      }
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * The online store set by {@code --online} or {@code $LOYALTYLENS_ONLINE}, connected; null when
   * none is set.
   */
  OnlineStore openOnline() {
    return online == null ? null : OnlineStores.open(online);
  }

  /**
   * For the commands that read {@code published/} only: a manifest that cannot be read is rewritten
   * from the registry first, by opening the store, so that a broken file never stops them.
   */
  void repairUnreadableManifest() {
    try {
      PublishedManifest.read(home);
    } catch (UnreadableManifestException e) {
      openStore().close();
    }
  }

  DefinitionSet definitions() {
    return DefinitionSet.load(sqlDir);
  }
}
