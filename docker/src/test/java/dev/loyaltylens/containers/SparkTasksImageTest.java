package dev.loyaltylens.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

/**
 * The Spark tasks image computes on Spark in its own JVM, and the default tasks image carries none
 * of Spark.
 */
@Tag("docker")
class SparkTasksImageTest {

  private static final String AS_OF = "2026-11-24T00:00:00Z";

  /**
   * Spark's default of 200 shuffle partitions is most of a small run's time; the JVM reads the
   * setting from the environment, as a deployment would pass its own.
   */
  private static final Map<String, String> SMALL_RUN =
      Map.of("JDK_JAVA_OPTIONS", "-Dspark.sql.shuffle.partitions=4");

  /** A first Spark run in a fresh JVM takes minutes on 2 busy cores. */
  private static final Duration SPARK_TIMEOUT = Duration.ofMinutes(15);

  private Path home;

  @BeforeEach
  void createHome() {
    home = StoreHomes.create();
  }

  @AfterEach
  void deleteHome() {
    StoreHomes.deleteQuietly(home);
  }

  private static String[] compute(String home, String... engine) {
    List<String> args =
        new ArrayList<>(
            List.of("compute", "--home", home, "--events", "/data/events", "--as-of", AS_OF));
    args.addAll(List.of(engine));
    return args.toArray(String[]::new);
  }

  @Test
  void computes_on_spark_in_the_image_and_records_the_version_duckdb_computes() throws Exception {
    TasksImage spark = new TasksImage(TasksImage.SPARK_IMAGE, home, SMALL_RUN, SPARK_TIMEOUT);
    spark
        .run(
            "generate",
            "--events",
            "2000",
            "--customers",
            "200",
            "--seed",
            "7",
            "--as-of",
            AS_OF,
            "--out",
            "/data/events")
        .requireSuccess();

    TaskRun onSpark =
        spark
            .run(compute("/data/spark", "--engine", "spark", "--spark-master", "local[2]"))
            .requireSuccess();
    String version = onSpark.lastLine();
    TaskRun versions = spark.run("versions", "--home", "/data/spark").requireSuccess();
    TaskRun onDuckDb = new TasksImage(home).run(compute("/data/duckdb")).requireSuccess();

    assertThat(version).startsWith("v20261124T000000Z-");
    assertThat(versions.stdout()).contains(version);
    // the Spark engine ran in the container's JVM, not DuckDB's
    assertThat(onSpark.stderr()).contains("compute: running on Spark 4.2.0, master local[2]");
    assertThat(onDuckDb.lastLine()).isEqualTo(version);
  }

  @Test
  void the_default_tasks_image_holds_no_spark_jar() throws Exception {
    Path jar = Files.createTempFile("loyaltylens-tasks-", ".jar");
    try (GenericContainer<?> container =
        new GenericContainer<>(TasksImage.IMAGE)
            .withNetworkMode("host")
            // as root, so that find reads every folder and exits 0
            .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("find").withUser("root"))
            .withCommand("/", "-xdev", "-name", "*.jar")
            .withStartupCheckStrategy(new OneShotStartupCheckStrategy())) {
      container.start();
      List<String> jars = container.getLogs(OutputType.STDOUT).lines().toList();
      assertThat(jars)
          .contains("/app/loyaltylens-tasks.jar")
          .noneMatch(path -> path.contains("spark"));
      assertThat(jars.stream().filter(path -> path.startsWith("/app/")))
          .containsExactly("/app/loyaltylens-tasks.jar");
      container.copyFileFromContainer("/app/loyaltylens-tasks.jar", jar.toString());
      assertThat(entries(jar)).isNotEmpty().noneMatch(name -> name.startsWith("org/apache/spark/"));
    } finally {
      Files.deleteIfExists(jar);
    }
  }

  private static List<String> entries(Path jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(jar);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}
