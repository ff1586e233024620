package dev.loyaltylens.cli;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.UnreadableManifestException;
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

  private FeatureStore synced(FeatureStore store) {
    try {
      PublishedSnapshots.syncManifest(store).ifPresent(problem -> System.err.println(
          "loyaltylens: " + home.manifest() + " could not be read (" + problem + "): rewritten from the registry"));
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * For the commands that read {@code published/} only: a manifest that cannot be read is rewritten from the
   * registry first, by opening the store, so that a broken file never stops them.
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
