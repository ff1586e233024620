package dev.loyaltylens.publishing;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code published/manifest.json} broken by hand (cut short, its as-of removed, emptied, {@code
 * null}) stops no command: the registry is the source of truth, and the command rewrites the
 * manifest from it before going on.
 */
class ManifestRepairTest {

  @TempDir Path dir;
  private String home;
  private String version;
  private String intact;

  @BeforeEach
  void publishOneVersion() throws Exception {
    home = dir.resolve("home").toString();
    Path events = EventsFixture.manyCustomers(dir.resolve("events"), 50, 3);
    Cli.Outcome compute =
        Cli.run("compute", "--home", home, "--events", events.toString(), "--as-of", T.toString());
    version = compute.lastLine();
    assertThat(Cli.run("validate", "--home", home, "--version", version).exitCode()).isZero();
    assertThat(Cli.run("publish", "--home", home, "--version", version).exitCode()).isZero();
    intact = Files.readString(manifest());
  }

  private Path manifest() {
    return new StoreHome(Path.of(home)).manifest();
  }

  /** The ways a person or a crash of another tool leaves the file. */
  private List<String> breakages() {
    return List.of(
        intact.substring(0, intact.length() / 3),
        intact.replaceFirst("\"as_of\" : \"[^\"]*\",", ""),
        "",
        "null");
  }

  @Test
  void every_command_runs_on_a_broken_manifest_and_leaves_it_rewritten_from_the_registry()
      throws Exception {
    Path labels = dir.resolve("labels.csv");
    Files.writeString(labels, "customer_id,label_ts\ncustomer-00001," + T.plusSeconds(3600) + "\n");
    List<String[]> commands =
        List.of(
            new String[] {"versions", "--home", home},
            new String[] {"publish", "--home", home, "--version", version},
            new String[] {
              "export", "--home", home, "--out", dir.resolve("export.parquet").toString()
            },
            new String[] {
              "training-set",
              "--home",
              home,
              "--labels",
              labels.toString(),
              "--out",
              dir.resolve("train.parquet").toString()
            },
            new String[] {
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
            new String[] {"pin", "--home", home, "--version", version},
            new String[] {"gc", "--home", home, "--keep", "3"});
    List<String> breakages = breakages();
    for (int i = 0; i < commands.size(); i++) {
      String[] command = commands.get(i);
      String broken = breakages.get(i % breakages.size());
      Files.writeString(manifest(), broken);

      Cli.Outcome outcome = command[0].equals("docs") ? Cli.runRaw(command) : Cli.run(command);

      String what = command[0] + " on a manifest of " + broken.length() + " characters";
      assertThat(outcome.exitCode()).as("%s: %s", what, outcome.err()).isZero();
      assertThat(outcome.err())
          .as(what)
          .contains("could not be read")
          .contains("rewritten from the registry");
      assertThat(PublishedManifest.read(new StoreHome(Path.of(home))))
          .as(what)
          .hasValueSatisfying(m -> assertThat(m.latest()).isEqualTo(version));
    }
  }

  @Test
  void a_version_id_that_leads_out_of_published_is_a_one_line_error() {
    for (String verb : new String[] {"export", "publish"}) {
      Cli.Outcome outcome =
          verb.equals("export")
              ? Cli.run(
                  "export",
                  "--home",
                  home,
                  "--version",
                  "../../outside",
                  "--out",
                  dir.resolve("x.parquet").toString())
              : Cli.run("publish", "--home", home, "--version", "../../outside");

      assertThat(outcome.exitCode()).as(verb).isEqualTo(1);
      assertThat(outcome.err().strip().lines()).as(verb).hasSize(1);
      assertThat(outcome.err()).as(verb).contains("`../../outside`");
    }
  }
}
