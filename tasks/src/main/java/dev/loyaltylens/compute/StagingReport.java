package dev.loyaltylens.compute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What staging did to a run's events: rows read, rows set aside by reason, duplicates dropped.
 *
 * @param quarantinedByReason counts per broken rule, largest first
 */
public record StagingReport(
    long rowsRead, Map<String, Long> quarantinedByReason, long duplicatesDropped, long customers) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public long quarantined() {
    return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  public double quarantinedShare() {
    return rowsRead == 0 ? 0 : (double) quarantined() / rowsRead;
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("rows_read", rowsRead);
    root.put("quarantined", quarantined());
    ObjectNode reasons = root.putObject("quarantined_by_reason");
    quarantinedByReason.forEach(reasons::put);
    root.put("duplicates_dropped", duplicatesDropped);
    root.put("customers", customers);
    return root.toString();
  }

  /** One line for the terminal. */
  public String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "%,d events read, %,d quarantined (%.2f%%), %,d duplicates dropped, %,d customers",
        rowsRead,
        quarantined(),
        100 * quarantinedShare(),
        duplicatesDropped,
        customers);
  }
}
