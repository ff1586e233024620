package dev.loyaltylens.store;

/** Where a version stands: computed, then validated or failed, then published (and immutable from then on). */
public enum VersionStatus {
  COMPUTED,
  VALIDATED,
  FAILED,
  PUBLISHED;

  public String dbValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static VersionStatus fromDb(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
