/**
 * Benchmarks: the lookup table of SPEC section 8, measured on this machine with every store holding
 * the same rows; the Java client's overhead; the online store, loaded and served through the API
 * beside the in-memory mode; and what the pipeline benchmark needs beside the pipeline itself (the
 * floor queries, dirtied events); and compute on DuckDB beside compute on Spark, for the same
 * events.
 */
package dev.loyaltylens.bench;
