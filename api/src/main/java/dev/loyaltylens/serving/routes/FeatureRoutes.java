package dev.loyaltylens.serving.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyaltylens.command.Instants;
import dev.loyaltylens.serving.backend.ServedVersion;
import dev.loyaltylens.serving.backend.ServingBackend;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.http.Call;
import dev.loyaltylens.serving.http.Reply;
import dev.loyaltylens.serving.json.BatchJson;
import dev.loyaltylens.serving.json.JsonOut;
import dev.loyaltylens.serving.lookups.LookupLog;
import dev.loyaltylens.serving.metrics.ApiMetrics;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The API's handlers, one per route of SPEC section 6, over a {@link ServingBackend}: the version a
 * request names ({@code ?version=V}, {@code ?as_of=T}) or, by default, the one being served.
 */
public final class FeatureRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServingBackend backend;
  private final ApiMetrics metrics;
  private final LookupLog log;

  public FeatureRoutes(ServingBackend backend, ApiMetrics metrics) {
    this(backend, metrics, null);
  }

  /**
   * Routes whose answered lookups of sampled customers go to {@code log}, or to none when it is
   * null.
   */
  public FeatureRoutes(ServingBackend backend, ApiMetrics metrics, LookupLog log) {
    this.backend = backend;
    this.metrics = metrics;
    this.log = log;
  }

  /** {@code GET /features/:customer_id}, optionally {@code ?version=V} or {@code ?as_of=T}. */
  public Reply vector(Call call) {
    String id = call.pathParam("customer_id");
    CustomerIds.requireValid(id);
    // Taken before the version is chosen, so that a logged lookup is never later than the choice it
    // saw.
    long requestedAt = log != null && log.sampled(id) ? LookupLog.nowMicros() : 0;
    ServedVersion version = asked(call);
    JsonOut out = JsonOut.forThisThread();
    if (!version.writeVector(id, out)) {
      throw ServingException.notFound(
          "customer `" + id + "` is not in version " + version.published().version());
    }
    byte[] body = out.toBytes();
    if (requestedAt != 0) {
      logLookup(call, id, requestedAt, version, body);
    }
    return Reply.json(200, body);
  }

  /** {@code POST /features/batch}: a JSON list of ids, or {@code {"customer_ids": [...]}}. */
  public Reply batch(Call call) {
    List<String> ids = BatchRequest.ids(call);
    long requestedAt = log != null && log.anySampled(ids) ? LookupLog.nowMicros() : 0;
    ServedVersion version = asked(call);
    BatchJson batch = new BatchJson(version.published(), JsonOut.forThisThread());
    version.writeBatch(ids, batch);
    byte[] body = batch.finish();
    if (requestedAt != 0) {
      for (String id : ids) {
        if (log.sampled(id)) {
          // A sampled id's vector is written again on its own, from the same (immutable) version.
          JsonOut single = new JsonOut(512);
          if (version.writeVector(id, single)) {
            logLookup(call, id, requestedAt, version, single.toBytes());
          }
        }
      }
    }
    return Reply.json(200, body);
  }

  private void logLookup(
      Call call, String id, long requestedAt, ServedVersion version, byte[] answer) {
    String asOf = call.query("as_of");
    String asked = call.query("version") != null ? "version" : asOf != null ? "as_of" : "latest";
    log.lookup(
        id,
        requestedAt,
        asked,
        asOf == null ? null : Instants.parseOrDate(asOf).orElse(null),
        version.published().version(),
        answer);
  }

  /** {@code GET /features/stats}: the distribution statistics of the version being served. */
  public Reply stats(Call call) {
    PublishedVersion version = requireCurrent().published();
    ObjectNode body = JSON.createObjectNode();
    body.put("version", version.version());
    body.put("as_of", version.asOf().toString());
    body.put("rows", version.rowCount());
    body.set("features", version.statistics().toJson());
    return json(200, body);
  }

  /** {@code GET /versions}: every published version, newest first. */
  public Reply versions(Call call) {
    PublishedManifest manifest = backend.published();
    ServedVersion current = backend.current();
    String serving = current == null ? null : current.published().version();
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

  /**
   * {@code GET /health}: 200 once a version is loaded, with a warning when it is not the latest
   * published one (whose snapshot could not be served), 503 before.
   */
  public Reply health(Call call) {
    ServedVersion current = backend.current();
    ObjectNode body = JSON.createObjectNode();
    if (current != null) {
      body.put("status", "ready");
      body.put("version", current.published().version());
      body.put("rows", current.published().rowCount());
      String warning = backend.warning();
      if (warning != null) {
        body.put("warning", warning);
      }
      return json(200, body);
    }
    body.put("status", "unavailable");
    body.putNull("version");
    body.put("reason", backend.notReadyReason());
    return json(503, body);
  }

  /** {@code GET /metrics}: Prometheus text. */
  public Reply metrics(Call call) {
    return new Reply(200, ApiMetrics.CONTENT_TYPE, metrics.scrape());
  }

  /** Any method and path that no route answers. */
  public Reply unmatched(Call call) {
    throw ServingException.notFound(
        "no route for "
            + call.method()
            + " "
            + Quoting.shorten(call.path())
            + ": see GET /features/{customer_id}, /features/stats, POST /features/batch, /versions, /health,"
            + " /metrics, /report, /openapi.json");
  }

  /**
   * The version a call asks for with {@code ?version=} or {@code ?as_of=}, else the one being
   * served.
   */
  private ServedVersion asked(Call call) {
    String version = call.query("version");
    String asOf = call.query("as_of");
    if (version != null && asOf != null) {
      throw ServingException.badRequest("ask for ?version= or ?as_of=, not both");
    }
    if (version != null) {
      return backend.version(published(version));
    }
    if (asOf != null) {
      Instant instant =
          Instants.parseOrDate(asOf)
              .orElseThrow(
                  () ->
                      ServingException.badRequest(
                          "as_of `"
                              + Quoting.shorten(asOf)
                              + "` is not an ISO-8601 instant: write it like "
                              + Instants.EXAMPLE));
      return backend.version(inForceAt(instant));
    }
    ServedVersion current = requireCurrent();
    if (log != null) {
      log.servedLatest(current);
    }
    return current;
  }

  private PublishedVersion published(String version) {
    return Optional.ofNullable(backend.published())
        .flatMap(manifest -> manifest.find(version))
        .orElseThrow(
            () ->
                ServingException.notFound(
                    "version `"
                        + Quoting.shorten(version)
                        + "` is not published: GET /versions lists the published ones"));
  }

  /**
   * The version a model would have seen at {@code instant} ({@link PublishedManifest#inForceAt}).
   */
  private PublishedVersion inForceAt(Instant instant) {
    return Optional.ofNullable(backend.published())
        .flatMap(manifest -> manifest.inForceAt(instant))
        .orElseThrow(
            () ->
                ServingException.notFound(
                    "no published version is as of "
                        + instant
                        + " or earlier: GET /versions lists their as_of instants"));
  }

  private ServedVersion requireCurrent() {
    ServedVersion current = backend.current();
    if (current == null) {
      throw ServingException.unavailable(backend.notReadyReason());
    }
    return current;
  }

  private static Reply json(int status, JsonNode body) {
    try {
      return Reply.json(status, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a reply could not be written as JSON", e);
    }
  }
}
