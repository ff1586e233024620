package dev.loyaltylens.client;

import java.time.Instant;

/**
 * One customer's features in one published version.
 *
 * @param asOf the instant the version was computed as of: it saw only events before it
 */
public record FeatureVector(
    String customerId, String version, Instant asOf, FeatureValues features) {}
