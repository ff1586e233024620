/**
 * The store: a DuckDB file whose schema Flyway owns, the registry of versions in it, and the
 * immutable per-version snapshots that serving reads without ever opening the store itself.
 */
package dev.loyaltylens.store;
