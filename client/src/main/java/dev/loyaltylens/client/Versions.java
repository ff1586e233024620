package dev.loyaltylens.client;

import java.util.List;

/**
 * The published versions, newest publish first.
 *
 * @param latest the most recently published version, or null before the first publish
 * @param serving the version in the service's memory, or null until one is loaded
 */
public record Versions(String latest, String serving, List<VersionInfo> versions) {}
