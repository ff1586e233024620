package dev.loyaltylens.client;

import java.time.Instant;
import java.util.Map;

/**
 * A published version as the service lists it.
 *
 * @param latest whether it is the most recently published version
 * @param serving whether it is the version in the service's memory, which answers {@link
 *     VersionSelector#latest()}
 * @param columns the feature names and their DuckDB types, in column order
 */
public record VersionInfo(
    String version,
    Instant asOf,
    Instant publishedAt,
    long rows,
    boolean latest,
    boolean serving,
    Map<String, String> columns) {}
