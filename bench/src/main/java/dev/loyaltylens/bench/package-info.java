/**
 * Benchmarks: the lookup table of SPEC section 8, measured on this machine with every store holding the same
 * rows.
 */
package dev.loyaltylens.bench;
