package dev.loyaltylens.online.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.OnlineVersion;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A version's metadata hash ({@code {loyaltylens}:version:V}) and what readers derive from it: the
 * bucket count, the key names and the value codec.
 *
 * <p>Fields: {@code state} (loading, complete, dropping), {@code format} (the value layout, 1),
 * {@code as_of}, {@code row_count}, {@code buckets}, {@code columns} (a JSON list of {@code
 * {"name", "type", "encoding"}} in value order), {@code started_at}, and once complete {@code
 * loaded_at} and {@code memory_bytes}.
 */
record VersionMeta(OnlineVersion version, long buckets, VectorCodec codec, Keys.BucketKeys keys) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static VersionMeta of(OnlineVersion version, long buckets) {
    List<String> names = version.columns().stream().map(FeatureColumn::name).toList();
    List<FeatureType> types =
        version.columns().stream().map(column -> FeatureType.of(column.type())).toList();
    return new VersionMeta(
        version, buckets, new VectorCodec(names, types), new Keys.BucketKeys(version.version()));
  }

  /** The fields a load writes first, with the state {@code loading}. */
  Map<String, String> loadingFields(Instant startedAt) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("state", "loading");
    fields.put("format", Integer.toString(VectorCodec.FORMAT));
    fields.put("as_of", version.asOf().toString());
    fields.put("row_count", Long.toString(version.rowCount()));
    fields.put("buckets", Long.toString(buckets));
    fields.put("columns", columnsJson(version.columns()));
    fields.put("started_at", startedAt.toString());
    return fields;
  }

  /** Reads a metadata hash; null when it is empty (no such version). */
  static VersionMeta parse(String id, Map<String, String> hash, String address) {
    if (hash.isEmpty()) {
      return null;
    }
    try {
      int format = Integer.parseInt(require(hash, "format"));
      if (format != VectorCodec.FORMAT) {
        throw new OnlineStoreException(
            "version `"
                + id
                + "` in Redis at "
                + address
                + " is in layout format "
                + format
                + ", and this LoyaltyLens reads format "
                + VectorCodec.FORMAT
                + ": load it again with this one");
      }
      OnlineVersion version =
          new OnlineVersion(
              id,
              Instant.parse(require(hash, "as_of")),
              Long.parseLong(require(hash, "row_count")),
              columns(require(hash, "columns")),
              OnlineVersion.State.valueOf(require(hash, "state").toUpperCase(Locale.ROOT)),
              hash.containsKey("loaded_at") ? Instant.parse(hash.get("loaded_at")) : null,
              hash.containsKey("memory_bytes") ? Long.parseLong(hash.get("memory_bytes")) : 0);
      return of(version, Long.parseLong(require(hash, "buckets")));
    } catch (IllegalArgumentException | DateTimeParseException | JsonProcessingException e) {
      throw new OnlineStoreException(
          "the metadata of version `"
              + id
              + "` in Redis at "
              + address
              + " cannot be read ("
              + e.getMessage()
              + "): drop it and load it again",
          e);
    }
  }

  private static String require(Map<String, String> hash, String field) {
    String value = hash.get(field);
    if (value == null) {
      throw new IllegalArgumentException("no field " + field);
    }
    return value;
  }

  private static String columnsJson(List<FeatureColumn> columns) {
    ArrayNode list = JSON.createArrayNode();
    for (FeatureColumn column : columns) {
      list.addObject()
          .put("name", column.name())
          .put("type", column.type())
          .put("encoding", encoding(FeatureType.of(column.type())));
    }
    return list.toString();
  }

  /** The encoding of a value type as the README names it for readers in other languages. */
  static String encoding(FeatureType type) {
    return switch (type) {
      case BOOLEAN -> "bool";
      case INTEGER -> "int32";
      case BIGINT -> "int64";
      case DOUBLE -> "float64";
      case TEXT -> "utf8";
    };
  }

  private static List<FeatureColumn> columns(String json) throws JsonProcessingException {
    List<FeatureColumn> columns = new ArrayList<>();
    for (JsonNode column : JSON.readTree(json)) {
      FeatureColumn parsed =
          new FeatureColumn(column.path("name").asText(), column.path("type").asText());
      if (!encoding(FeatureType.of(parsed.type())).equals(column.path("encoding").asText())) {
        throw new IllegalArgumentException(
            "column "
                + parsed.name()
                + " is "
                + parsed.type()
                + " but encoded as "
                + column.path("encoding").asText());
      }
      columns.add(parsed);
    }
    return columns;
  }
}
