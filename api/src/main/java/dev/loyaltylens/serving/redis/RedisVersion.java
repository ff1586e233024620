package dev.loyaltylens.serving.redis;

import dev.loyaltylens.online.FeatureVector;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.OnlineStoreUnreachableException;
import dev.loyaltylens.online.OnlineVersion;
import dev.loyaltylens.online.VersionNotOnlineException;
import dev.loyaltylens.serving.backend.ServedVersion;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.json.BatchJson;
import dev.loyaltylens.serving.json.JsonOut;
import dev.loyaltylens.serving.json.Vectors;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.PublishedVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One published version as the online store holds it: each lookup reads the store (one round trip;
 * a batch is one pipeline per node, all of this one version) and writes the vector with {@code
 * serving.json}, byte for byte as the in-memory index writes it.
 */
final class RedisVersion implements ServedVersion {

  private final PublishedVersion published;
  private final String version;
  private final OnlineStore store;
  private final RedisBackend backend;
  private final byte[] versionPart;

  /** {@code "name":} of each feature, in the order of the stored values. */
  private final byte[][] keys;

  RedisVersion(
      PublishedVersion published, OnlineVersion held, OnlineStore store, RedisBackend backend) {
    this.published = published;
    this.version = published.version();
    this.store = store;
    this.backend = backend;
    this.versionPart = Vectors.versionPart(published);
    List<FeatureColumn> columns = held.columns();
    this.keys = new byte[columns.size()][];
    for (int i = 0; i < keys.length; i++) {
      byte[] quoted = JsonOut.quoted(columns.get(i).name());
      keys[i] = Arrays.copyOf(quoted, quoted.length + 1);
      keys[i][quoted.length] = ':';
    }
  }

  @Override
  public PublishedVersion published() {
    return published;
  }

  @Override
  public boolean writeVector(String customerId, JsonOut out) {
    Optional<FeatureVector> vector;
    try {
      vector = store.read(version, customerId);
    } catch (OnlineStoreException e) {
      throw failure(e);
    }
    if (vector.isEmpty()) {
      return false;
    }
    Vectors.writeStart(out, customerId, versionPart);
    writeFeatures(vector.get(), out);
    out.raw('}');
    return true;
  }

  @Override
  public void writeBatch(List<String> customerIds, BatchJson batch) {
    Map<String, FeatureVector> found;
    try {
      found = store.readMany(version, customerIds);
    } catch (OnlineStoreException e) {
      throw failure(e);
    }
    for (String id : customerIds) {
      FeatureVector vector = found.get(id);
      if (vector == null) {
        batch.notFound(id);
      } else {
        writeFeatures(vector, batch.beginFound(id));
        batch.endFound();
      }
    }
  }

  @Override
  public long heapBytes() {
    return 0;
  }

  private void writeFeatures(FeatureVector vector, JsonOut out) {
    List<Object> values = vector.values();
    out.raw('{');
    for (int i = 0; i < keys.length; i++) {
      if (i > 0) {
        out.raw(',');
      }
      out.raw(keys[i]);
      Object value = values.get(i);
      if (value == null) {
        out.nullValue();
      } else if (value instanceof Integer number) {
        out.number(number.intValue());
      } else if (value instanceof Long number) {
        out.number(number.longValue());
      } else if (value instanceof Double number) {
        out.number(number.doubleValue());
      } else if (value instanceof Boolean flag) {
        out.bool(flag);
      } else {
        out.raw(JsonOut.quoted(value.toString()));
      }
    }
    out.raw('}');
  }

  /**
   * A lookup that failed: 503 while the store is unreachable or the current version was just
   * replaced.
   */
  private ServingException failure(OnlineStoreException e) {
    if (e instanceof OnlineStoreUnreachableException unreachable) {
      return backend.unreachable(unreachable);
    }
    if (e instanceof VersionNotOnlineException) {
      boolean wasCurrent = backend.isCurrent(this);
      backend.lost(this);
      return wasCurrent
          ? ServingException.unavailable(
              "version "
                  + version
                  + " left the online store while it was read (a newer"
                  + " version was published meanwhile): ask again")
          : backend.notKept(version);
    }
    return ServingException.serverError(e.getMessage(), e);
  }
}
