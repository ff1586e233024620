package dev.loyaltylens.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyaltylens.command.Instants;
import dev.loyaltylens.serving.http.Call;
import dev.loyaltylens.serving.http.Reply;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API's handlers, one per route of SPEC section 6. The latest version is answered from the in-memory index;
 * a version asked by {@code ?version=} or {@code ?as_of=} that is not the one loaded comes from its snapshot.
 */
final class FeatureApi {

  static final int MAX_BATCH = 1_000;
  /** A full batch of the longest ids is about 67 KB of JSON. */
  static final int MAX_BATCH_BYTES = 256 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] BATCH_VERSION = "{\"version\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BATCH_AS_OF = ",\"as_of\":\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BATCH_FOUND = "\",\"found\":[".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BATCH_FEATURES = ",\"features\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BATCH_NOT_FOUND = "],\"not_found\":[".getBytes(StandardCharsets.UTF_8);

  private final StoreHome home;
  private final ServingState state;
  private final SnapshotReader snapshots;
  private final RequestMetrics metrics;

  FeatureApi(StoreHome home, ServingState state, SnapshotReader snapshots, RequestMetrics metrics) {
    this.home = home;
    this.state = state;
    this.snapshots = snapshots;
    this.metrics = metrics;
  }

  /** {@code GET /features/:customer_id}, optionally {@code ?version=V} or {@code ?as_of=T}. */
  Reply vector(Call call) {
    String id = call.pathParam("customer_id");
    CustomerIds.requireValid(id);
    FeatureIndex index = state.index();
    PublishedVersion asked = asked(call, index);
    JsonOut out = JsonOut.forThisThread();
    if (asked == null) {
      int row = index.find(id);
      if (row < 0) {
        throw new UnknownCustomerException(id, index.version().version());
      }
      index.writeVector(id, row, out);
    } else if (!snapshots.writeVector(asked, id, out)) {
      throw new UnknownCustomerException(id, asked.version());
    }
    return Reply.json(200, out.toBytes());
  }

  /** {@code POST /features/batch}: a JSON list of ids, or {@code {"customer_ids": [...]}}. */
  Reply batch(Call call) {
    byte[] body = call.body(MAX_BATCH_BYTES);
    if (body.length > MAX_BATCH_BYTES) {
      throw tooManyBytes();
    }
    List<String> ids = ids(body);
    FeatureIndex index = state.index();
    PublishedVersion asked = asked(call, index);
    PublishedVersion version = asked == null ? index.version() : asked;
    Map<String, byte[]> fromSnapshot = asked == null ? null : snapshots.features(asked, ids);
    JsonOut out = JsonOut.forThisThread();
    out.raw(BATCH_VERSION).raw(FeatureType.quoted(version.version()))
        .raw(BATCH_AS_OF).raw(version.asOf().toString().getBytes(StandardCharsets.US_ASCII)).raw(BATCH_FOUND);
    List<String> missing = new ArrayList<>();
    boolean first = true;
    for (String id : ids) {
      int row = asked == null ? index.find(id) : -1;
      byte[] features = asked == null ? null : fromSnapshot.get(id);
      if (row < 0 && features == null) {
        missing.add(id);
        continue;
      }
      if (!first) {
        out.raw(',');
      }
      first = false;
      out.raw(Vectors.CUSTOMER_ID_KEY).plainString(id).raw(BATCH_FEATURES);
      if (features == null) {
        index.writeFeatures(row, out);
      } else {
        out.raw(features);
      }
      out.raw('}');
    }
    out.raw(BATCH_NOT_FOUND);
    for (int i = 0; i < missing.size(); i++) {
      if (i > 0) {
        out.raw(',');
      }
      out.plainString(missing.get(i));
    }
    out.raw(']').raw('}');
    return Reply.json(200, out.toBytes());
  }

  /** {@code GET /features/stats}: the distribution statistics of the version being served. */
  Reply stats(Call call) {
    PublishedVersion version = requireIndex().version();
    ObjectNode body = JSON.createObjectNode();
    body.put("version", version.version());
    body.put("as_of", version.asOf().toString());
    body.put("rows", version.rowCount());
    body.set("features", version.statistics().toJson());
    return json(200, body);
  }

  /** {@code GET /versions}: every published version, newest first. */
  Reply versions(Call call) {
    PublishedManifest manifest = state.manifest();
    FeatureIndex index = state.index();
    String serving = index == null ? null : index.version().version();
    ObjectNode body = JSON.createObjectNode();
    body.put("latest", manifest == null ? null : manifest.latest());
    body.put("serving", serving);
    ArrayNode list = body.putArray("versions");
    if (manifest != null) {
      List<PublishedVersion> versions = new ArrayList<>(manifest.versions());
      versions.sort(Comparator.comparing(PublishedVersion::publishedAt).reversed());
      for (PublishedVersion version : versions) {
        ObjectNode node = list.addObject();
        node.put("version", version.version());
        node.put("as_of", version.asOf().toString());
        node.put("published_at", version.publishedAt().toString());
        node.put("rows", version.rowCount());
        node.put("latest", version.version().equals(manifest.latest()));
        node.put("serving", version.version().equals(serving));
        ArrayNode columns = node.putArray("columns");
        for (FeatureColumn column : version.columns()) {
          columns.addObject().put("name", column.name()).put("type", column.type());
        }
      }
    }
    return json(200, body);
  }

  /** {@code GET /health}: 200 once a version is loaded, 503 before. */
  Reply health(Call call) {
    FeatureIndex index = state.index();
    ObjectNode body = JSON.createObjectNode();
    if (index != null) {
      body.put("status", "ready");
      body.put("version", index.version().version());
      body.put("rows", index.rows());
      return json(200, body);
    }
    body.put("status", "unavailable");
    body.putNull("version");
    body.put("reason", notReadyReason());
    return json(503, body);
  }

  /** {@code GET /metrics}: Prometheus text. */
  Reply metrics(Call call) {
    StringBuilder out = new StringBuilder(4096);
    metrics.render(out);
    FeatureIndex index = state.index();
    out.append("# HELP loyaltylens_serving_version_info The version being served, as labels; 1 once loaded.\n");
    out.append("# TYPE loyaltylens_serving_version_info gauge\n");
    if (index != null) {
      out.append("loyaltylens_serving_version_info{version=\"")
          .append(RequestMetrics.escape(index.version().version())).append("\",as_of=\"")
          .append(index.version().asOf()).append("\"} 1\n");
    }
    out.append("# HELP loyaltylens_serving_rows Customers in the version being served.\n");
    out.append("# TYPE loyaltylens_serving_rows gauge\n");
    out.append("loyaltylens_serving_rows ").append(index == null ? 0 : index.rows()).append('\n');
    out.append("# HELP loyaltylens_serving_index_bytes Approximate heap held by the in-memory index.\n");
    out.append("# TYPE loyaltylens_serving_index_bytes gauge\n");
    out.append("loyaltylens_serving_index_bytes ").append(index == null ? 0 : index.bytes()).append('\n');
    PublishedManifest manifest = state.manifest();
    out.append("# HELP loyaltylens_published_versions Versions listed in the published manifest.\n");
    out.append("# TYPE loyaltylens_published_versions gauge\n");
    out.append("loyaltylens_published_versions ").append(manifest == null ? 0 : manifest.versions().size())
        .append('\n');
    return new Reply(200, "text/plain; version=0.0.4; charset=utf-8", out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Any method and path that no route answers. */
  Reply unmatched(Call call) {
    throw new RouteNotFoundException(call.method(), call.path());
  }

  /**
   * The version a call asks for with {@code ?version=} or {@code ?as_of=}, or null when the loaded index answers
   * it: no parameter, or one that names the loaded version.
   */
  private PublishedVersion asked(Call call, FeatureIndex index) {
    String version = call.query("version");
    String asOf = call.query("as_of");
    if (version != null && asOf != null) {
      throw new MalformedRequestException("ask for ?version= or ?as_of=, not both");
    }
    PublishedVersion asked = null;
    if (version != null) {
      asked = published(version);
    } else if (asOf != null) {
      asked = asOf(Instants.parseOrDate(asOf).orElseThrow(() -> new MalformedRequestException(
          "as_of `" + Quoting.shorten(asOf) + "` is not an ISO-8601 instant: write it like " + Instants.EXAMPLE)));
    }
    if (asked == null) {
      if (index == null) {
        throw new NotReadyException(notReadyReason());
      }
      return null;
    }
    return index != null && index.version().version().equals(asked.version()) ? null : asked;
  }

  private PublishedVersion published(String version) {
    PublishedManifest manifest = state.manifest();
    if (manifest == null) {
      throw new VersionNotPublishedException(version);
    }
    return manifest.find(version).orElseThrow(() -> new VersionNotPublishedException(version));
  }

  /** The version a model would have seen at {@code instant}: the latest as-of at or before it, the newest publish on a tie. */
  private PublishedVersion asOf(Instant instant) {
    PublishedManifest manifest = state.manifest();
    if (manifest == null) {
      throw new NoVersionAsOfException(instant);
    }
    return manifest.inForceAt(instant).orElseThrow(() -> new NoVersionAsOfException(instant));
  }

  private FeatureIndex requireIndex() {
    FeatureIndex index = state.index();
    if (index == null) {
      throw new NotReadyException(notReadyReason());
    }
    return index;
  }

  private String notReadyReason() {
    PublishedManifest manifest = state.manifest();
    if (manifest == null || manifest.latest() == null) {
      return "nothing is published in " + home.root() + " yet: run the pipeline, this server picks it up";
    }
    return "loading version " + manifest.latest();
  }

  private static List<String> ids(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new MalformedRequestException("the body is not JSON: send a list of customer ids, or {\"customer_ids\": [...]}");
    }
    JsonNode list = root != null && root.isObject() ? root.get("customer_ids") : root;
    if (list == null || !list.isArray()) {
      throw new MalformedRequestException("send a JSON list of customer ids, or {\"customer_ids\": [...]}");
    }
    if (list.size() > MAX_BATCH) {
      throw new BatchTooLargeException(String.format(
          Locale.ROOT, "a batch holds at most %,d customer ids, this one has %,d: split it", MAX_BATCH, list.size()));
    }
    List<String> ids = new ArrayList<>(list.size());
    for (JsonNode element : list) {
      if (!element.isTextual()) {
        throw new MalformedRequestException("customer ids are strings, got " + Quoting.shorten(element.toString()));
      }
      String id = element.textValue();
      CustomerIds.requireValid(id);
      ids.add(id);
    }
    return ids;
  }

  private static BatchTooLargeException tooManyBytes() {
    return new BatchTooLargeException(String.format(
        Locale.ROOT, "a batch body holds at most %,d bytes: send at most %,d ids a call", MAX_BATCH_BYTES, MAX_BATCH));
  }

  private static Reply json(int status, JsonNode body) {
    try {
      return Reply.json(status, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a reply could not be written as JSON", e);
    }
  }
}
