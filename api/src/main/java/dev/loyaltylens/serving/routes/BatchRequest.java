package dev.loyaltylens.serving.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.http.Call;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /features/batch}: a JSON list of customer ids, or {@code {"customer_ids":
 * [...]}}.
 */
final class BatchRequest {

  static final int MAX_BATCH = 1_000;

  /** A full batch of the longest ids is about 67 KB of JSON. */
  static final int MAX_BATCH_BYTES = 256 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private BatchRequest() {}

  /**
   * The ids of a call, each valid, at most {@link #MAX_BATCH} of them; the body is refused before
   * it is parsed.
   */
  static List<String> ids(Call call) {
    byte[] body = call.body(MAX_BATCH_BYTES);
    if (body.length > MAX_BATCH_BYTES) {
      throw ServingException.payloadTooLarge(
          String.format(
              Locale.ROOT,
              "a batch body holds at most %,d bytes: send at most %,d ids a call",
              MAX_BATCH_BYTES,
              MAX_BATCH));
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw ServingException.badRequest(
          "the body is not JSON: send a list of customer ids, or {\"customer_ids\": [...]}");
    }
    JsonNode list = root != null && root.isObject() ? root.get("customer_ids") : root;
    if (list == null || !list.isArray()) {
      throw ServingException.badRequest(
          "send a JSON list of customer ids, or {\"customer_ids\": [...]}");
    }
    if (list.size() > MAX_BATCH) {
      throw ServingException.payloadTooLarge(
          String.format(
              Locale.ROOT,
              "a batch holds at most %,d customer ids, this one has %,d: split it",
              MAX_BATCH,
              list.size()));
    }
    List<String> ids = new ArrayList<>(list.size());
    for (JsonNode element : list) {
      if (!element.isTextual()) {
        throw ServingException.badRequest(
            "customer ids are strings, got " + Quoting.shorten(element.toString()));
      }
      String id = element.textValue();
      CustomerIds.requireValid(id);
      ids.add(id);
    }
    return ids;
  }
}
