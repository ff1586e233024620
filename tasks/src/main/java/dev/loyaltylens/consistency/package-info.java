/**
 * Training/serving consistency: the lookups the API logged ({@code serve --log-sample}) joined with
 * what the training set gives for the same customers and instants, per feature matched, explained
 * by a publish's lag, differing or missing; every run is kept in the store's {@code
 * consistency_runs}.
 */
package dev.loyaltylens.consistency;
