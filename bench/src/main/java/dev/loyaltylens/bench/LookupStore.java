package dev.loyaltylens.bench;

/** A store measured by the benchmark: it looks up one customer's whole vector. */
interface LookupStore extends AutoCloseable {

  /** The row of the table it is reported under. */
  String name();

  /** Reads every feature of one customer; false when the store does not hold it. */
  boolean lookup(String customerId) throws Exception;

  @Override
  void close() throws Exception;
}
