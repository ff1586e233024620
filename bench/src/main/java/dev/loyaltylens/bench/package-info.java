/**
 * Benchmarks: the lookup table of SPEC section 8, measured on this machine with every store holding
 * the same rows; the Java client's overhead; and the online store, loaded and served through the
 * API beside the in-memory mode.
 */
package dev.loyaltylens.bench;
