package dev.loyaltylens.cli;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import java.nio.file.Path;

/**
 * Where a command works and with how much of the machine, read once from the options and the environment.
 */
record Settings(StoreHome home, Path sqlDir, Path migrationsDir, EngineSettings engine) {

  static Settings of(Path home, Path sql, Path migrations, String memoryLimit) {
    return new Settings(
        new StoreHome(home),
        sql.toAbsolutePath().normalize(),
        migrations.toAbsolutePath().normalize(),
        new EngineSettings(memoryLimit, Runtime.getRuntime().availableProcessors()));
  }

  /** Opens the store, creating it when the home has none, migrated, with a manifest that agrees with the registry. */
  FeatureStore openStore() {
    return synced(FeatureStore.open(home, migrationsDir, engine));
  }

  /** Opens the store as {@link #openStore} does, but fails when the home holds none: only compute creates one. */
  FeatureStore openExistingStore() {
    return synced(FeatureStore.openExisting(home, migrationsDir, engine));
  }

  private static FeatureStore synced(FeatureStore store) {
    try {
      PublishedSnapshots.syncManifest(store);
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  DefinitionSet definitions() {
    return DefinitionSet.load(sqlDir);
  }
}
