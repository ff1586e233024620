/**
 * Serving: the API process, its settings and its command line. The subpackages hold, by concept,
 * {@code backend} (the interface the routes call), {@code memory} (the in-memory backend), {@code
 * snapshots} (reading published files), {@code routes}, {@code json}, {@code metrics} and {@code
 * http} (the SparkJava adapter).
 */
package dev.loyaltylens.serving;
