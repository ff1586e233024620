package dev.loyaltylens.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's load average as {@code uptime} prints it (1, 5 and 15 minutes), read from {@code
 * /proc/loadavg}; elsewhere the JVM's one-minute figure. On shared machines it says how far a run's
 * figures can be trusted.
 */
final class LoadAverage {

  private static final Path PROC = Path.of("/proc/loadavg");

  private LoadAverage() {}

  static String now() {
    try {
      String[] fields = Files.readString(PROC).strip().split("\\s+");
      if (fields.length >= 3) {
        return fields[0] + ", " + fields[1] + ", " + fields[2];
      }
    } catch (IOException | RuntimeException e) {
      // No /proc here: the JVM's figure below.
    }
    double oneMinute = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return oneMinute < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f (1 minute)", oneMinute);
  }
}
