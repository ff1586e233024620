package dev.loyaltylens.consistency;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What a consistency run found, and its JSON as kept: {@code answers} (matched, lag, differ,
 * missing), {@code features} (per feature the same counts and their shares), {@code
 * served_versions}, {@code publish_lags} (per process and version, from the publish to the first
 * answer from it) and up to ten {@code unexplained} answers.
 *
 * @param unexplained answers that neither match the training set's version nor fall in a publish's
 *     lag
 */
public record ConsistencyReport(
    Instant ranAt, Instant since, Instant until, long lookups, long unexplained, ObjectNode json) {}
