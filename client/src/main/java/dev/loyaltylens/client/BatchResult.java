package dev.loyaltylens.client;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vectors of many customers, all from one version: those found, in the order of the ids asked
 * for, and the ids the version does not hold, in that order too.
 */
public final class BatchResult {

  private final String version;
  private final Instant asOf;
  private final List<FeatureVector> found;
  private final List<String> notFound;
  private Map<String, FeatureVector> byId;

  BatchResult(String version, Instant asOf, List<FeatureVector> found, List<String> notFound) {
    this.version = version;
    this.asOf = asOf;
    this.found = List.copyOf(found);
    this.notFound = List.copyOf(notFound);
  }

  public String version() {
    return version;
  }

  public Instant asOf() {
    return asOf;
  }

  public List<FeatureVector> found() {
    return found;
  }

  public List<String> notFound() {
    return notFound;
  }

  /** The vector of one of the ids asked for; empty when the version does not hold it. */
  public synchronized Optional<FeatureVector> vector(String customerId) {
    if (byId == null) {
      byId = new HashMap<>(found.size() * 2);
      for (FeatureVector vector : found) {
        byId.putIfAbsent(vector.customerId(), vector);
      }
    }
    return Optional.ofNullable(byId.get(customerId));
  }
}
