package dev.loyaltylens.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("docker")
class TasksImageTest {

  private static final String AS_OF = "2026-11-24T00:00:00Z";

  private Path home;
  private TasksImage tasks;

  @BeforeEach
  void createHome() {
    home = StoreHomes.create();
    tasks = new TasksImage(home);
  }

  @AfterEach
  void deleteHome() {
    StoreHomes.deleteQuietly(home);
  }

  @Test
  void pipeline_publishes_a_version_into_the_mounted_home() {
    String version = tasks.publishVersion(AS_OF);

    TaskRun versions = tasks.run("versions", "--home", "/data").requireSuccess();

    assertThat(version).isNotBlank();
    assertThat(versions.stdout()).contains(version).containsIgnoringCase("published");
  }

  @Test
  void recomputing_a_published_date_gives_the_same_version_and_republishing_is_a_no_op() {
    String version = tasks.publishVersion(AS_OF);
    String events = "/data/events/" + AS_OF.replace(":", "");

    TaskRun again =
        tasks
            .run("compute", "--events", events, "--as-of", AS_OF, "--home", "/data")
            .requireSuccess();
    tasks.run("publish", "--home", "/data", "--version", version).requireSuccess();

    assertThat(again.lastLine()).isEqualTo(version);
  }

  @Test
  void tasks_write_the_home_as_the_images_non_root_user() throws Exception {
    tasks
        .run(
            "generate",
            "--events",
            "1000",
            "--customers",
            "100",
            "--as-of",
            AS_OF,
            "--out",
            "/data/events")
        .requireSuccess();

    try (var files = Files.walk(home).skip(1)) {
      assertThat(files)
          .isNotEmpty()
          .allSatisfy(path -> assertThat(Files.getAttribute(path, "unix:uid")).isEqualTo(10001));
    }
  }

  @Test
  void validating_an_unknown_version_fails_with_exit_code_1() {
    tasks.publishVersion(AS_OF);

    TaskRun run = tasks.run("validate", "--home", "/data", "--version", "no-such-version");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("no-such-version");
  }

  @Test
  void validating_in_a_home_without_a_store_fails_with_exit_code_1_and_creates_nothing()
      throws Exception {
    TaskRun run = tasks.run("validate", "--home", "/data", "--version", "no-such-version");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("/data holds no LoyaltyLens store");
    try (var files = Files.list(home)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void a_missing_option_is_a_usage_error_with_exit_code_2() {
    TaskRun run = tasks.run("compute", "--home", "/data");

    assertThat(run.exitCode()).isEqualTo(2);
  }
}
