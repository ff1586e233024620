/**
 * The API's routes over a {@link dev.loyaltylens.serving.backend.ServingBackend}: lookups, batches,
 * statistics, versions, health and metrics, the customer id rule, the API key, and the one place
 * where a failure becomes a JSON error reply.
 */
package dev.loyaltylens.serving.routes;
