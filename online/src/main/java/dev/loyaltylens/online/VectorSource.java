package dev.loyaltylens.online;

import dev.loyaltylens.store.FeatureColumn;
import java.util.List;
import java.util.function.Consumer;

/**
 * A version's vectors as a loader reads them: the columns, how many rows, and the rows one at a
 * time.
 */
public interface VectorSource {

  /** The feature columns, with their DuckDB types, in the order a row's values are read. */
  List<FeatureColumn> columns();

  long rowCount();

  /** Hands every row to the consumer, in any order, without holding them all in memory. */
  void forEachRow(Consumer<VectorRow> consumer);
}
