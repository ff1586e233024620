package dev.loyaltylens.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest is read whole or refused whole, and no version id it names can lead out of {@code
 * published/}.
 */
class PublishedManifestTest {

  @TempDir Path dir;

  private StoreHome home() throws Exception {
    StoreHome home = new StoreHome(dir);
    Files.createDirectories(home.publishedDir());
    return home;
  }

  private static PublishedManifest twoVersions() {
    List<FeatureColumn> columns = List.of(new FeatureColumn("recency_days", "INTEGER"));
    return new PublishedManifest(
        "v2",
        List.of(
            new PublishedVersion(
                "v1",
                Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2026-11-23T01:00:00Z"),
                10,
                columns,
                VersionStatistics.empty(),
                "ab12"),
            new PublishedVersion(
                "v2",
                Instant.parse("2026-11-24T00:00:00Z"),
                Instant.parse("2026-11-24T01:00:00Z"),
                12,
                columns,
                VersionStatistics.empty(),
                null)));
  }

  @Test
  void a_written_manifest_reads_back_equal_with_its_checksums() throws Exception {
    StoreHome home = home();
    twoVersions().write(home);

    assertThat(PublishedManifest.read(home)).contains(twoVersions());
  }

  @Test
  void a_manifest_cut_short_emptied_nulled_or_edited_by_hand_is_refused_whole() throws Exception {
    StoreHome home = home();
    twoVersions().write(home);
    String whole = Files.readString(home.manifest());
    Map<String, String> broken =
        Map.of(
            "cut short", whole.substring(0, whole.length() / 2),
            "as_of removed", whole.replaceFirst("\"as_of\" : \"[^\"]*\",", ""),
            "empty", "",
            "null", "null",
            "a list", "[]",
            "latest not among its versions",
                whole.replace("\"latest\" : \"v2\"", "\"latest\" : \"v9\""),
            "latest removed", whole.replace("\"latest\" : \"v2\",", ""),
            "row_count a word", whole.replaceFirst("\"row_count\" : 10", "\"row_count\" : \"ten\""),
            "a version outside published/", whole.replace("\"v1\"", "\"../../outside\""));
    broken.forEach(
        (what, text) -> {
          try {
            Files.writeString(home.manifest(), text);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          assertThat(text).as(what).isNotEqualTo(whole);

          assertThatThrownBy(() -> PublishedManifest.read(home))
              .as(what)
              .isInstanceOf(UnreadableManifestException.class)
              .hasMessageContaining(home.manifest().toString())
              .hasMessageContaining("rewrites it from the registry");
        });
  }

  @Test
  void a_version_id_that_could_name_a_file_outside_published_is_refused() throws Exception {
    StoreHome home = home();
    for (String id :
        new String[] {"../outside", "a/b", "/etc/passwd", "..", ".hidden", "", "a\\b", "v1\n"}) {
      assertThatThrownBy(() -> home.snapshot(id))
          .as(id)
          .isInstanceOf(InvalidVersionIdException.class);
    }
    assertThat(home.snapshot("v20261124T000000Z-a2650efa"))
        .isEqualTo(home.publishedDir().resolve("v20261124T000000Z-a2650efa.duckdb"));
  }
}
