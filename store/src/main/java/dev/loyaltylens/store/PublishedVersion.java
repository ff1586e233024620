package dev.loyaltylens.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A published version as serving sees it: its snapshot file, its columns and its distribution statistics.
 *
 * @param snapshot the snapshot's file name inside {@code published/}
 * @param stats per-feature statistics from the validation gate, as JSON
 */
public record PublishedVersion(
    String version,
    Instant asOf,
    Instant publishedAt,
    long rowCount,
    String snapshot,
    List<FeatureColumn> columns,
    JsonNode stats) {}
