package dev.loyaltylens.cli;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders a command takes for a store: not one written by a newer build. */
class StoreHomeTest {

  @TempDir Path dir;

  @Test
  void a_home_migrated_by_a_newer_build_is_refused_naming_its_schema() throws Exception {
    Path newer = Files.createDirectories(dir.resolve("migrations-of-a-newer-build"));
    try (Stream<Path> migrations = Files.list(Project.migrations())) {
      for (Path migration : migrations.toList()) {
        Files.copy(migration, newer.resolve(migration.getFileName()));
      }
    }
    Files.writeString(newer.resolve("V3__add_lifetime_value.sql"), "alter table features add column lifetime_value double;\n");
    Path home = dir.resolve("home");
    FeatureStore.open(new StoreHome(home), newer, new EngineSettings("1GB", 1)).close();
    Path events = EventsFixture.manyCustomers(dir.resolve("events"), 10, 2);

    Cli.Outcome versions = Cli.run("versions", "--home", home.toString());
    Cli.Outcome compute =
        Cli.run("compute", "--home", home.toString(), "--events", events.toString(), "--as-of", T.toString());

    for (Cli.Outcome outcome : new Cli.Outcome[] {versions, compute}) {
      assertThat(outcome.exitCode()).isEqualTo(1);
      assertThat(outcome.err().strip()).isEqualTo(
          "error: this home was written by a newer LoyaltyLens (schema V3); upgrade LoyaltyLens to use " + home
              + ": this one knows the schema up to V2");
    }
  }
}
