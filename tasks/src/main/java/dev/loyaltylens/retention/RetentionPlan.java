package dev.loyaltylens.retention;

import dev.loyaltylens.store.VersionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Which published versions a retention run keeps and which it removes: it keeps the {@code keep}
 * most recently made current, by a publish or a rollback (so always the latest), and every pinned
 * one, and removes the other published versions. Versions that were never published are left alone:
 * a validated one may still be published, a failed one validated again.
 */
public record RetentionPlan(int keep, List<Decision> decisions) {

  /** Whether a version stays or goes, and why. */
  public record Decision(VersionRecord version, boolean removed, String reason) {}

  public RetentionPlan {
    decisions = List.copyOf(decisions);
  }

  /**
   * The plan for the versions of a registry, the latest first ({@link VersionRecord#LATEST_FIRST}).
   */
  public static RetentionPlan of(List<VersionRecord> registry, int keep) {
    if (keep < 1) {
      throw new RetentionException(
          "--keep must be at least 1 (the latest version is always kept), got " + keep);
    }
    List<VersionRecord> published =
        registry.stream()
            .filter(VersionRecord::isPublished)
            .sorted(VersionRecord.LATEST_FIRST)
            .toList();
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < published.size(); i++) {
      VersionRecord version = published.get(i);
      if (i == 0) {
        decisions.add(new Decision(version, false, "latest"));
      } else if (i < keep) {
        decisions.add(
            new Decision(version, false, "among the " + keep + " most recently made current"));
      } else if (version.isPinned()) {
        decisions.add(
            new Decision(
                version,
                false,
                "pinned" + (version.pinNote() == null ? "" : ": " + version.pinNote())));
      } else {
        decisions.add(new Decision(version, true, "published before the " + keep + " kept"));
      }
    }
    return new RetentionPlan(keep, decisions);
  }

  public List<VersionRecord> removed() {
    return decisions.stream().filter(Decision::removed).map(Decision::version).toList();
  }

  public List<VersionRecord> kept() {
    return decisions.stream().filter(d -> !d.removed()).map(Decision::version).toList();
  }
}
