package dev.loyaltylens.store;

/**
 * Where a version stands: computed, then validated or failed, then published (and immutable from
 * then on), and finally removed when retention deleted its vectors.
 */
public enum VersionStatus {
  COMPUTED,
  VALIDATED,
  FAILED,
  PUBLISHED,
  REMOVED;

  public String dbValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static VersionStatus fromDb(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
