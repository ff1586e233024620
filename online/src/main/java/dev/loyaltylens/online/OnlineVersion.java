package dev.loyaltylens.online;

import dev.loyaltylens.store.FeatureColumn;
import java.time.Instant;
import java.util.List;

/**
 * A version as an online store holds it: what it is, how far its load got, and what it costs the
 * store.
 *
 * @param columns the feature columns, in the order of each vector's values
 * @param loadedAt when the load completed; null until then
 * @param memoryBytes the store's memory the version's vectors take, as estimated when the load
 *     completed; 0 until then
 */
public record OnlineVersion(
    String version,
    Instant asOf,
    long rowCount,
    List<FeatureColumn> columns,
    State state,
    Instant loadedAt,
    long memoryBytes) {

  /**
   * How far a version got: loading until every vector is in and counted, then complete; dropping
   * once retention began removing it.
   */
  public enum State {
    LOADING,
    COMPLETE,
    DROPPING
  }

  public OnlineVersion {
    columns = List.copyOf(columns);
  }

  public boolean isComplete() {
    return state == State.COMPLETE;
  }

  /**
   * The store's memory per million customers of this version, in bytes; 0 before the load
   * completed.
   */
  public long memoryPerMillionCustomers() {
    return rowCount == 0 ? 0 : Math.round(memoryBytes * 1_000_000.0 / rowCount);
  }
}
