package dev.loyaltylens.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * {@code published/manifest.json}: the published versions and which one is latest, for readers that
 * must not open the store. It is derived from the registry and replaced by an atomic rename, so a
 * reader sees the old manifest or the new one, never a half-written file.
 */
public record PublishedManifest(String latest, List<PublishedVersion> versions) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public PublishedManifest {
    versions = List.copyOf(versions);
  }

  public Optional<PublishedVersion> find(String version) {
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }

  public Optional<PublishedVersion> latestVersion() {
    return latest == null ? Optional.empty() : find(latest);
  }

  /**
   * The version in force at {@code instant}, the one a model scoring then would have been served:
   * the latest as-of at or before it, and among those the one published last ({@link
   * PublishedVersion#IN_FORCE_ORDER}). Versions a rollback withdrew are never in force.
   */
  public Optional<PublishedVersion> inForceAt(Instant instant) {
    return versions.stream()
        .filter(v -> !v.isWithdrawn() && !v.asOf().isAfter(instant))
        .max(PublishedVersion.IN_FORCE_ORDER);
  }

  /**
   * The versions that are in force at some instant: per as-of, the one {@link #inForceAt} would
   * choose.
   */
  public List<PublishedVersion> inForceCandidates() {
    Map<Instant, PublishedVersion> byAsOf = new TreeMap<>();
    for (PublishedVersion version : versions) {
      if (!version.isWithdrawn()) {
        byAsOf.merge(
            version.asOf(), version, BinaryOperator.maxBy(PublishedVersion.IN_FORCE_ORDER));
      }
    }
    return List.copyOf(byAsOf.values());
  }

  /**
   * Reads the manifest of a home; empty when nothing has been published yet.
   *
   * @throws UnreadableManifestException when the file is there but is not a whole manifest: nothing
   *     of it is used
   */
  public static Optional<PublishedManifest> read(StoreHome home) {
    Path file = home.manifest();
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new UnreadableManifestException(home, "not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new StoreException("could not read " + file + ": " + e.getMessage(), e);
    }
    try {
      return Optional.of(fromJson(root));
    } catch (IllegalArgumentException | DateTimeParseException | InvalidVersionIdException e) {
      throw new UnreadableManifestException(home, e.getMessage(), e);
    }
  }

  /**
   * Writes the manifest next to its snapshots: a temporary file, flushed, then renamed over the old
   * one.
   */
  public void write(StoreHome home) {
    Path target = home.manifest();
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      Files.createDirectories(target.getParent());
      try (FileChannel out =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        out.write(
            ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJsonNode())));
        out.force(true);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // a full disk leaves a partial temporary file: remove it, the old manifest stays
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw new StoreException(
          "could not write file \"" + temporary + "\" for " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * The manifest as compact JSON, the form of {@code manifest.json}: for readers that get it from
   * elsewhere than the file, such as an online store that keeps a copy beside its pointer.
   */
  public String toJson() {
    return toJsonNode().toString();
  }

  /** Reads a manifest from its JSON form. */
  public static PublishedManifest fromJson(String json) {
    try {
      return fromJson(JSON.readTree(json));
    } catch (IOException | RuntimeException e) {
      throw new StoreException("a published manifest is not readable JSON: " + e.getMessage(), e);
    }
  }

  private ObjectNode toJsonNode() {
    ObjectNode root = JSON.createObjectNode();
    root.put("latest", latest);
    ArrayNode list = root.putArray("versions");
    for (PublishedVersion v : versions) {
      ObjectNode node = list.addObject();
      node.put("version", v.version());
      node.put("as_of", v.asOf().toString());
      node.put("published_at", v.publishedAt().toString());
      node.put("row_count", v.rowCount());
      // For readers outside the JVM; ours find the file by StoreHome.snapshot.
      node.put("snapshot", StoreHome.snapshotFileName(v.version()));
      if (v.snapshotSha256() != null) {
        node.put("snapshot_sha256", v.snapshotSha256());
      }
      ArrayNode columns = node.putArray("columns");
      for (FeatureColumn column : v.columns()) {
        columns.addObject().put("name", column.name()).put("type", column.type());
      }
      node.set("stats", v.statistics().toJson());
      if (v.isWithdrawn()) {
        node.put("withdrawn_at", v.withdrawnAt().toString());
      }
    }
    return root;
  }

  /** Every field checked: a manifest is used whole or not at all. */
  private static PublishedManifest fromJson(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          root == null || root.isMissingNode() ? "empty" : "not a JSON object");
    }
    JsonNode list = root.path("versions");
    if (!list.isArray()) {
      throw new IllegalArgumentException("no list of versions");
    }
    List<PublishedVersion> versions = new ArrayList<>();
    for (JsonNode node : list) {
      String version = text(node, "version");
      StoreHome.requireVersionId(version);
      List<FeatureColumn> columns = new ArrayList<>();
      JsonNode columnList = node.path("columns");
      if (!columnList.isArray()) {
        throw new IllegalArgumentException("version " + version + " has no list of columns");
      }
      for (JsonNode column : columnList) {
        columns.add(new FeatureColumn(text(column, "name"), text(column, "type")));
      }
      JsonNode rows = node.path("row_count");
      if (!rows.canConvertToExactIntegral() || rows.asLong() < 0) {
        throw new IllegalArgumentException("version " + version + " has no row_count");
      }
      JsonNode checksum = node.path("snapshot_sha256");
      versions.add(
          new PublishedVersion(
              version,
              Instant.parse(text(node, "as_of")),
              Instant.parse(text(node, "published_at")),
              rows.asLong(),
              columns,
              VersionStatistics.fromJson(node.path("stats")),
              checksum.isTextual() ? checksum.asText() : null,
              withdrawnAt(node, version)));
    }
    JsonNode latest = root.path("latest");
    if (latest.isMissingNode()) {
      throw new IllegalArgumentException("no latest");
    }
    String named = latest.isNull() ? null : latest.asText();
    if (named != null && versions.stream().noneMatch(v -> v.version().equals(named))) {
      throw new IllegalArgumentException("its latest, " + named + ", is not among its versions");
    }
    return new PublishedManifest(named, versions);
  }

  /** A rollback's mark: absent for a version in force, else an instant. */
  private static Instant withdrawnAt(JsonNode node, String version) {
    JsonNode value = node.path("withdrawn_at");
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(
          "version " + version + " has a withdrawn_at that is not an instant");
    }
    return Instant.parse(value.asText());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException("a version has no " + field);
    }
    return value.asText();
  }
}
