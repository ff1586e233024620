package dev.loyaltylens.client;

/**
 * Whether the service answers from a loaded version.
 *
 * @param version the version loaded, or null when not ready
 * @param reason why it is not ready, or null when it is
 */
public record Health(boolean ready, String version, long rows, String reason) {}
