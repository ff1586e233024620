/**
 * The API's metrics for {@code GET /metrics}: request counts and latencies per route and the
 * version being served, in the Prometheus text format, by the Prometheus Java client.
 */
package dev.loyaltylens.serving.metrics;
