/**
 * Synthetic customer events (SPEC section 2): {@link dev.loyaltylens.generation.EventGenerator}
 * writes them as Parquet from SQL run in an in-memory DuckDB.
 *
 * <p>Every random draw is a hash of the seed, the row number and a salt, so a row is a pure
 * function of its number: the output does not depend on the thread count, and the same settings
 * give the same rows and the same bytes (for a given DuckDB version, whose {@code hash} the draws
 * rely on).
 */
package dev.loyaltylens.generation;
