package dev.loyaltylens.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionStatistics;
import dev.loyaltylens.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs}: a static catalog with lineage down to columns, escaped, with statistics from the
 * manifest only.
 */
class CatalogTest {

  @TempDir static Path dir;
  static Path out;
  static Cli.Outcome outcome;

  @BeforeAll
  static void writeTheCatalogOfACopyWithAPublishedManifest() throws Exception {
    ProjectCopy copy = ProjectCopy.of(dir.resolve("project"));
    Path template = copy.sql().resolve("features/channel_preference.sql.ftl");
    Files.writeString(
        template,
        Files.readString(template)
            .replace(
                "description: The channel",
                "description: <script>alert('x')</script> The channel"));
    Path home = dir.resolve("home");
    ObjectNode stats = new ObjectMapper().createObjectNode();
    stats
        .putObject("recency_days")
        .put("count", 4200)
        .put("nulls", 0)
        .put("null_rate", 0.0)
        .put("min", 0.0)
        .put("max", 171.0)
        .put("mean", 21.3626)
        .put("stddev", 22.02)
        .putObject("quantiles")
        .put("p50", 14.0);
    stats
        .putObject("channel_preference")
        .put("count", 4200)
        .put("null_rate", 0.0)
        .putObject("categories")
        .put("mobile", 2300)
        .put("in-store", 1100)
        .put("web", 800);
    new PublishedManifest(
            "v20261124T000000Z-abcdef12",
            List.of(
                new PublishedVersion(
                    "v20261124T000000Z-abcdef12",
                    Instant.parse("2026-11-24T00:00:00Z"),
                    Instant.parse("2026-11-24T01:00:00Z"),
                    4200,
                    List.of(new FeatureColumn("recency_days", "INTEGER")),
                    VersionStatistics.fromJson(stats))))
        .write(new StoreHome(home));
    out = dir.resolve("catalog");
    outcome = copy.run("docs", "--out", out.toString(), "--home", home.toString());
  }

  @Test
  void writes_an_index_and_a_page_per_template() {
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out().strip()).isEqualTo(out.resolve("index.html").toString());
    assertThat(out.resolve("index.html"))
        .content()
        .contains("<a href=\"features/recency_days.html\">")
        .contains("<a href=\"staging/customer_activity.html\">")
        .contains("v20261124T000000Z-abcdef12");
    assertThat(out.resolve("features")).isDirectoryContaining("glob:**/engagement_score.html");
    assertThat(out.resolve("staging")).isDirectoryContaining("glob:**/stg_events.html");
  }

  @Test
  void a_feature_page_shows_its_definition_checks_params_and_sql() {
    assertThat(out.resolve("features/engagement_score.html"))
        .content()
        .contains("Weighted composite in [0, 1]")
        .contains("growth-analytics")
        .contains("<code>DOUBLE</code>")
        .contains("<code>range: [0, 1]</code>")
        .contains("<code>:recency_weight</code>")
        .contains("cast(:recency_weight as double)")
        .contains("sql/features/engagement_score.test.txt")
        .contains("<code>migrations/V1__features_and_registry.sql</code>");
  }

  @Test
  void lineage_lists_the_columns_read_from_each_upstream_relation() {
    assertThat(out.resolve("features/engagement_score.html"))
        .content()
        .contains(
            "<a href=\"../features/recency_days.html\"><code>recency_days</code></a></td><td>feature</td><td>"
                + "<code class=\"tag\">customer_id</code><code class=\"tag\">recency_days</code></td>");
    assertThat(out.resolve("features/channel_preference.html"))
        .content()
        .contains(
            "<code class=\"tag\">events_in_store</code><code class=\"tag\">events_mobile</code>"
                + "<code class=\"tag\">events_web</code>");
    assertThat(out.resolve("staging/customer_activity.html"))
        .content()
        .contains(
            "<code class=\"tag\">customer_id</code><code class=\"tag\">event_type</code>"
                + "<code class=\"tag\">event_ts</code><code class=\"tag\">amount</code><code class=\"tag\">channel</code>"
                + " <span class=\"muted\">and every other column, through <code>select *</code></span>");
  }

  @Test
  void shows_the_latest_published_statistics_from_the_manifest() {
    assertThat(out.resolve("features/recency_days.html"))
        .content()
        .contains("<tr><th>mean</th><td class=\"num\">21.3626</td></tr>")
        .contains("<th>p50</th>");
    assertThat(out.resolve("features/channel_preference.html"))
        .content()
        .contains("<code>mobile</code></td><td class=\"num\">2,300</td>");
  }

  @Test
  void escapes_what_the_templates_say() {
    assertThat(out.resolve("features/channel_preference.html"))
        .content()
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; The channel")
        .doesNotContain("<script>");
    assertThat(out.resolve("index.html")).content().doesNotContain("<script>");
  }
}
