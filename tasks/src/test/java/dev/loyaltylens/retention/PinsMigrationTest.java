package dev.loyaltylens.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store made before V2 rolls forward when a command opens it: its versions stay, and they can be
 * pinned.
 */
class PinsMigrationTest {

  @TempDir Path dir;

  @Test
  void a_store_made_with_v1_only_keeps_its_versions_and_takes_pins_after_the_upgrade()
      throws Exception {
    Path v1Only = Files.createDirectories(dir.resolve("migrations-v1"));
    Files.copy(
        Project.migrations().resolve("V1__features_and_registry.sql"),
        v1Only.resolve("V1__features_and_registry.sql"));
    Path home = dir.resolve("home");
    try (FeatureStore store =
        FeatureStore.open(new StoreHome(home), v1Only, new EngineSettings("1GB", 2))) {
      store
          .handle()
          .execute(
              "insert into feature_registry (version, as_of, lookback_days, status, row_count, sql_hash,"
                  + " input_fingerprint, input_location, staging_report, created_at, published_at) values"
                  + " ('v20261124T000000Z-0000abcd', timestamp '2026-11-24', 180, 'published', 0, 'h', 'f', '/events', '{}',"
                  + " timestamp '2026-11-24 01:00:00', timestamp '2026-11-24 02:00:00')");
    }

    Cli.Outcome pin =
        Cli.run(
            "pin",
            "--home",
            home.toString(),
            "--version",
            "v20261124T000000Z-0000abcd",
            "--note",
            "audit");

    assertThat(pin.exitCode()).as(pin.err()).isZero();
    try (FeatureStore store = Project.openStore(home)) {
      VersionRecord record = store.registry().require("v20261124T000000Z-0000abcd");
      assertThat(record.isPublished()).isTrue();
      assertThat(record.isPinned()).isTrue();
      assertThat(record.pinNote()).isEqualTo("audit");
      assertThat(record.removedAt()).isNull();
    }
  }
}
