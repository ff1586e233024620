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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which folders a command takes for a store: only compute (and pipeline, run) makes one, so a
 * mistyped --home is named rather than silently given an empty store; and a store written by a
 * newer build is not taken.
 */
class StoreHomeTest {

  private static final Pattern MIGRATION_VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

  @TempDir Path dir;

  @Test
  void verbs_that_read_a_store_refuse_a_folder_without_one_and_create_nothing() {
    Path mistyped = dir.resolve("dta");
    String home = mistyped.toString();
    String[][] commands = {
      {"versions", "--home", home},
      {"validate", "--home", home, "--version", "v1"},
      {"publish", "--home", home, "--version", "v1"},
      {"reproduce", "--home", home, "--version", "v1"},
      {"pin", "--home", home, "--version", "v1"},
      {"gc", "--home", home, "--keep", "1"},
      {"export", "--home", home, "--out", dir.resolve("out.parquet").toString()},
      {
        "training-set",
        "--home",
        home,
        "--labels",
        dir.resolve("labels.csv").toString(),
        "--out",
        dir.resolve("train.parquet").toString()
      },
      // docs runs no DuckDB query of size, so it takes no --memory-limit
      {
        "docs",
        "--home",
        home,
        "--out",
        dir.resolve("site").toString(),
        "--sql",
        Project.sql().toString(),
        "--migrations",
        Project.migrations().toString()
      },
    };
    for (String[] command : commands) {
      Cli.Outcome outcome = command[0].equals("docs") ? Cli.runRaw(command) : Cli.run(command);
      assertThat(outcome.exitCode()).as(command[0] + ": " + outcome.err()).isEqualTo(1);
      assertThat(outcome.err().strip())
          .as(command[0])
          .startsWith("error: " + mistyped + " holds no LoyaltyLens store")
          .endsWith(": check --home or $LOYALTYLENS_HOME; `compute` or `pipeline` makes a store");
      assertThat(mistyped).as(command[0]).doesNotExist();
    }
    assertThat(dir.resolve("site")).doesNotExist();
  }

  @Test
  void export_of_a_home_with_nothing_published_says_so() throws Exception {
    Path events = EventsFixture.manyCustomers(dir.resolve("events"), 10, 2);
    Path home = dir.resolve("home");
    assertThat(
            Cli.run(
                    "compute",
                    "--home",
                    home.toString(),
                    "--events",
                    events.toString(),
                    "--as-of",
                    T.toString())
                .exitCode())
        .isZero();

    Cli.Outcome export =
        Cli.run(
            "export", "--home", home.toString(), "--out", dir.resolve("out.parquet").toString());

    assertThat(export.exitCode()).isEqualTo(1);
    assertThat(export.err().strip())
        .isEqualTo("error: nothing is published yet in " + home + ": run `pipeline` or `publish`");
  }

  @Test
  void a_home_migrated_by_a_newer_build_is_refused_naming_its_schema() throws Exception {
    Path newer = Files.createDirectories(dir.resolve("migrations-of-a-newer-build"));
    int known = 0;
    try (Stream<Path> migrations = Files.list(Project.migrations())) {
      for (Path migration : migrations.toList()) {
        Files.copy(migration, newer.resolve(migration.getFileName()));
        Matcher version = MIGRATION_VERSION.matcher(migration.getFileName().toString());
        if (version.matches()) {
          known = Math.max(known, Integer.parseInt(version.group(1)));
        }
      }
    }
    // The newer build's migration comes after every one this build knows, whichever they are.
    int next = known + 1;
    Files.writeString(
        newer.resolve("V" + next + "__add_lifetime_value.sql"),
        "alter table features add column lifetime_value double;\n");
    Path home = dir.resolve("home");
    FeatureStore.open(new StoreHome(home), newer, new EngineSettings("1GB", 1)).close();
    Path events = EventsFixture.manyCustomers(dir.resolve("events"), 10, 2);

    Cli.Outcome versions = Cli.run("versions", "--home", home.toString());
    Cli.Outcome compute =
        Cli.run(
            "compute",
            "--home",
            home.toString(),
            "--events",
            events.toString(),
            "--as-of",
            T.toString());

    for (Cli.Outcome outcome : new Cli.Outcome[] {versions, compute}) {
      assertThat(outcome.exitCode()).isEqualTo(1);
      assertThat(outcome.err().strip())
          .isEqualTo(
              "error: this home was written by a newer LoyaltyLens (schema V"
                  + next
                  + "); upgrade LoyaltyLens to use "
                  + home
                  + ": this one knows the schema up to V"
                  + known);
    }
  }
}
