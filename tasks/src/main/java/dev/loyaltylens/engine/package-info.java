/**
 * The SQL engines compute runs the rendered templates on, behind one small interface: DuckDB in the
 * store's own process is the built-in default ({@code engine.duckdb}); another engine is a module
 * whose jar, when on the class path, offers an {@link dev.loyaltylens.engine.EngineFactory} through
 * {@link java.util.ServiceLoader}, so that the default jar carries none of its weight.
 */
package dev.loyaltylens.engine;
