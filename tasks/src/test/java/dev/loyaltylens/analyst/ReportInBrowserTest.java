package dev.loyaltylens.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.Project;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version's report, opened offline in headless Chromium, draws its charts; the catalog links to
 * it.
 */
@Tag("browser")
class ReportInBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Pattern CANVAS =
      Pattern.compile("<canvas id=\"([^\"]+)\"[^>]*data-drawn=\"(\\d+),(\\d+),(\\d+),(\\d+)\"");

  /** The colour of the version's own bars in a histogram, #1f77b4. */
  private static final int VERSION_BLUE = 0x1f77b4;

  @TempDir Path dir;

  @Test
  void a_report_draws_the_histograms_and_trends_of_its_features_in_headless_chromium()
      throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    assumeTrue(
        ci || Files.isExecutable(CHROMIUM), "no /usr/bin/chromium: apt-get install -y chromium");
    Path home = dir.resolve("home");
    for (String[] run :
        List.of(
            new String[] {"2026-11-24T00:00:00Z", "1"},
            new String[] {"2026-11-25T00:00:00Z", "2"},
            new String[] {"2026-11-26T00:00:00Z", "3"})) {
      Cli.Outcome pipeline =
          Cli.run(
              "pipeline",
              "--home",
              home.toString(),
              "--events",
              "8000",
              "--customers",
              "800",
              "--as-of",
              run[0],
              "--seed",
              run[1]);
      assertThat(pipeline.exitCode()).as(pipeline.err()).isZero();
    }
    String latest = PublishedManifest.read(new StoreHome(home)).orElseThrow().latest();
    Path page = home.resolve("reports").resolve(latest + ".html");
    assertThat(page).as("pipeline writes the report where the API serves it").isRegularFile();
    assertThat(Files.readString(page)).doesNotContain("<script src=").contains("Chart.js v4.4.1");
    assertThat(home.resolve("reports/chart.js-LICENSE.md")).content().contains("MIT License");

    String dom = chromium(page, "--dump-dom");
    assertThat(dom).contains("data-charts=\"drawn\"");
    Map<String, int[]> canvases = new LinkedHashMap<>();
    Matcher found = CANVAS.matcher(dom);
    while (found.find()) {
      canvases.put(
          found.group(1),
          new int[] {
            Integer.parseInt(found.group(2)),
            Integer.parseInt(found.group(3)),
            Integer.parseInt(found.group(4)),
            Integer.parseInt(found.group(5))
          });
    }
    assertThat(canvases)
        .containsKeys(
            "hist-recency_days",
            "nulls-recency_days",
            "trend-recency_days",
            "hist-channel_preference",
            "trend-channel_preference",
            "quarantine-chart");

    Path screenshot = dir.resolve("report.png");
    chromium(page, "--screenshot=" + screenshot);
    BufferedImage image = ImageIO.read(screenshot.toFile());
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, int[]> canvas : canvases.entrySet()) {
      int[] r = canvas.getValue();
      if (r[1] + r[3] > image.getHeight()) {
        continue;
      }
      int drawn = 0;
      int blue = 0;
      for (int y = r[1]; y < r[1] + r[3]; y++) {
        for (int x = r[0]; x < r[0] + r[2]; x++) {
          int rgb = image.getRGB(x, y) & 0xffffff;
          drawn += rgb == 0xffffff ? 0 : 1;
          blue += near(rgb, VERSION_BLUE) ? 1 : 0;
        }
      }
      assertThat(drawn).as("pixels drawn in " + canvas.getKey()).isGreaterThan(r[2] * r[3] / 50);
      if (canvas.getKey().startsWith("hist-")) {
        assertThat(blue)
            .as("pixels of the version's bars in " + canvas.getKey())
            .isGreaterThan(500);
      }
      checked.add(canvas.getKey());
    }
    assertThat(checked).contains("hist-recency_days", "nulls-recency_days", "trend-recency_days");

    Path site = dir.resolve("site");
    assertThat(
            Cli.runRaw(
                    "docs",
                    "--home",
                    home.toString(),
                    "--out",
                    site.toString(),
                    "--sql=" + Project.sql(),
                    "--migrations=" + Project.migrations())
                .exitCode())
        .isZero();
    assertThat(site.resolve("reports").resolve(latest + ".html")).isRegularFile();
    assertThat(Files.readString(site.resolve("features/monetary_90d.html")))
        .contains("href=\"../reports/" + latest + ".html#feature-monetary_90d\"");
    assertThat(Files.readString(site.resolve("index.html")))
        .contains("href=\"reports/" + latest + ".html#feature-channel_preference\"");
  }

  private static boolean near(int rgb, int colour) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((rgb >> shift) & 0xff) - ((colour >> shift) & 0xff)) > 6) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs headless Chromium on a file (no network: the page must hold all it needs); returns what it
   * printed.
   */
  private String chromium(Path page, String what) throws Exception {
    Path log = dir.resolve("chromium-" + (what.startsWith("--dump") ? "dom" : "shot") + ".log");
    Process chromium =
        new ProcessBuilder(
                List.of(
                    CHROMIUM.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + dir.resolve("profile"),
                    "--window-size=1280,1500",
                    what,
                    page.toUri().toString()))
            .redirectOutput(log.toFile())
            .redirectError(dir.resolve("chromium-errors.log").toFile())
            .start();
    boolean finished = chromium.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      chromium.destroyForcibly();
    }
    assertThat(finished).as("chromium finished within 120 s").isTrue();
    return Files.readString(log);
  }
}
