/**
 * Benchmarks of the online store: loading a version into it, what that costs the store, and reading
 * it back.
 */
package dev.loyaltylens.online.benchmark;
