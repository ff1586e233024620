/**
 * DuckDB as the engine, the embedded default: a run's relations are temporary tables on the store's
 * own connection, so handing one over to the store costs nothing.
 */
package dev.loyaltylens.engine.duckdb;
