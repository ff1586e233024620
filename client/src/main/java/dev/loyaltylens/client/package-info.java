/**
 * The Java client of the LoyaltyLens serving API, for scoring jobs: feature vectors one at a time
 * or in batches of any size, of the latest version, a given version or the version as of an
 * instant, over kept-alive connections with timeouts and retries. It needs Jackson and nothing of
 * the server.
 */
package dev.loyaltylens.client;
