package dev.loyaltylens.serving.json;

import dev.loyaltylens.store.PublishedVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply to a batch of ids, written as the lookups go: {@code {"version", "as_of", "found":
 * [{"customer_id", "features"}, ...], "not_found": [ids]}}, in the order of the ids asked.
 */
public final class BatchJson {

  static final byte[] FEATURES = ",\"features\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VERSION = "{\"version\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AS_OF = ",\"as_of\":\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] FOUND = "\",\"found\":[".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NOT_FOUND = "],\"not_found\":[".getBytes(StandardCharsets.UTF_8);

  private final JsonOut out;
  private final List<String> missing = new ArrayList<>();
  private boolean first = true;

  /** Starts the reply about {@code version} in {@code out}. */
  public BatchJson(PublishedVersion version, JsonOut out) {
    this.out = out;
    out.raw(VERSION)
        .raw(JsonOut.quoted(version.version()))
        .raw(AS_OF)
        .raw(version.asOf().toString().getBytes(StandardCharsets.US_ASCII))
        .raw(FOUND);
  }

  /**
   * Starts a found entry and returns the buffer its features object is written to; {@link
   * #endFound} ends it.
   */
  public JsonOut beginFound(String customerId) {
    if (!first) {
      out.raw(',');
    }
    first = false;
    Vectors.writeEntryStart(out, customerId);
    return out;
  }

  public void endFound() {
    out.raw('}');
  }

  public void notFound(String customerId) {
    missing.add(customerId);
  }

  /** Ends the reply and returns its bytes. */
  public byte[] finish() {
    out.raw(NOT_FOUND);
    for (int i = 0; i < missing.size(); i++) {
      if (i > 0) {
        out.raw(',');
      }
      out.plainString(missing.get(i));
    }
    out.raw(']').raw('}');
    return out.toBytes();
  }
}
