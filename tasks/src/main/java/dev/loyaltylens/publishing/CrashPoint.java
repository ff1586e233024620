package dev.loyaltylens.publishing;

/**
 * Named points between the steps of publishing where a test can stop the process dead ({@code
 * halt}, as a {@code kill -9} would), to prove that every crash leaves the old or the new version
 * as latest.
 */
final class CrashPoint {

  /** Set to a point's name to halt the JVM when publishing reaches it. */
  static final String PROPERTY = "loyaltylens.crash-at";

  private CrashPoint() {}

  static void reach(String name) {
    if (name.equals(System.getProperty(PROPERTY))) {
      Runtime.getRuntime().halt(137);
    }
  }
}
