package dev.loyaltylens.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.Project;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog opened in headless Chromium renders a page, not a blank one. */
@Tag("browser")
class CatalogInBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void a_feature_page_renders_in_headless_chromium() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    assumeTrue(
        ci || Files.isExecutable(CHROMIUM), "no /usr/bin/chromium: apt-get install -y chromium");
    assertThat(CHROMIUM).as("CI installs chromium").isExecutable();
    Path catalog = dir.resolve("catalog");
    assertThat(
            Cli.runRaw(
                    "docs",
                    "--out",
                    catalog.toString(),
                    "--sql=" + Project.sql(),
                    "--migrations=" + Project.migrations())
                .exitCode())
        .isZero();
    Path screenshot = dir.resolve("engagement_score.png");

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
                    "--screenshot=" + screenshot,
                    "--window-size=1200,900",
                    catalog.resolve("features/engagement_score.html").toUri().toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromium.log").toFile())
            .start();
    boolean finished = chromium.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      chromium.destroyForcibly();
    }

    assertThat(finished).as("chromium finished within 120 s").isTrue();
    assertThat(screenshot).as(Files.readString(dir.resolve("chromium.log"))).exists();
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(900);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours).as("distinct colours in the screenshot").hasSizeGreaterThan(20);
    int headerBlue = image.getRGB(600, 10) & 0xffffff;
    assertThat(headerBlue).as("the header bar's colour, #23395d").isEqualTo(0x23395d);
  }
}
