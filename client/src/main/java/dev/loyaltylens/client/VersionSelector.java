package dev.loyaltylens.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * Which published version answers: the latest, one by its id (to score with exactly what a model
 * was trained on), or the one a model would have seen at an instant (the latest as-of at or before
 * it).
 */
public final class VersionSelector {

  private static final VersionSelector LATEST = new VersionSelector(null, null);

  private final String version;
  private final Instant asOf;

  private VersionSelector(String version, Instant asOf) {
    this.version = version;
    this.asOf = asOf;
  }

  /** The most recently published version, as the service holds it in memory. */
  public static VersionSelector latest() {
    return LATEST;
  }

  /** A published version by its id, as {@link FeatureClient#versions()} lists them. */
  public static VersionSelector version(String version) {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException(
          "a version id is not empty: FeatureClient.versions() lists them");
    }
    return new VersionSelector(version, null);
  }

  /** The published version with the latest as-of at or before {@code instant}. */
  public static VersionSelector asOf(Instant instant) {
    return new VersionSelector(null, Objects.requireNonNull(instant, "instant"));
  }

  boolean isLatest() {
    return version == null && asOf == null;
  }

  boolean isVersion() {
    return version != null;
  }

  /**
   * The query string that asks for this version, with its leading {@code ?}, or empty for the
   * latest.
   */
  String query() {
    if (version != null) {
      return "?version=" + URLEncoder.encode(version, StandardCharsets.UTF_8);
    }
    if (asOf != null) {
      return "?as_of=" + URLEncoder.encode(asOf.toString(), StandardCharsets.UTF_8);
    }
    return "";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VersionSelector that
        && Objects.equals(version, that.version)
        && Objects.equals(asOf, that.asOf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, asOf);
  }

  @Override
  public String toString() {
    return version != null
        ? "version " + version
        : asOf != null ? "as of " + asOf : "the latest version";
  }
}
