package dev.loyaltylens.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the API's JSON answers into the client's types. Batches are read with Jackson's streaming
 * parser, so a thousand vectors become their values without an intermediate tree; the small answers
 * go through a tree.
 */
final class Answers {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  private Answers() {}

  /**
   * A batch answer: {@code {"version", "as_of", "found": [{"customer_id", "features"}],
   * "not_found": [...]}}.
   */
  static BatchResult batch(byte[] body, String source) {
    try (JsonParser parser = FACTORY.createParser(body)) {
      expect(parser, parser.nextToken(), JsonToken.START_OBJECT, source);
      String version = null;
      String asOf = null;
      List<String> ids = new ArrayList<>();
      List<FeatureNames> names = new ArrayList<>();
      List<Object[]> values = new ArrayList<>();
      List<String> notFound = new ArrayList<>();
      FeatureNames previous = null;
      String[] scratchNames = new String[16];
      Object[] scratchValues = new Object[16];
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (field) {
          case "version" -> version = parser.getValueAsString();
          case "as_of" -> asOf = parser.getValueAsString();
          case "not_found" -> {
            expect(parser, token, JsonToken.START_ARRAY, source);
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              notFound.add(parser.getValueAsString());
            }
          }
          case "found" -> {
            expect(parser, token, JsonToken.START_ARRAY, source);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              String id = null;
              Object[] row = null;
              while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (key.equals("customer_id")) {
                  id = parser.getValueAsString();
                } else if (key.equals("features")) {
                  expect(parser, value, JsonToken.START_OBJECT, source);
                  int count = 0;
                  while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    if (count == scratchNames.length) {
                      scratchNames = Arrays.copyOf(scratchNames, count * 2);
                      scratchValues = Arrays.copyOf(scratchValues, count * 2);
                    }
                    scratchNames[count] = parser.currentName();
                    scratchValues[count] = scalar(parser, parser.nextToken(), source);
                    count++;
                  }
                  if (previous == null || !previous.sameAs(scratchNames, count)) {
                    previous = new FeatureNames(Arrays.copyOf(scratchNames, count));
                  }
                  row = Arrays.copyOf(scratchValues, count);
                } else {
                  parser.skipChildren();
                }
              }
              if (id == null || row == null) {
                throw malformed(source, "a found vector without customer_id or features", null);
              }
              ids.add(id);
              names.add(previous);
              values.add(row);
            }
          }
          default -> parser.skipChildren();
        }
      }
      if (version == null || asOf == null) {
        throw malformed(source, "no version or as_of", null);
      }
      Instant instant = instant(asOf, source);
      List<FeatureVector> found = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        found.add(
            new FeatureVector(
                ids.get(i),
                version,
                instant,
                new FeatureValues(version, names.get(i), values.get(i))));
      }
      return new BatchResult(version, instant, found, notFound);
    } catch (IOException e) {
      throw malformed(source, "not JSON (" + e.getMessage() + ")", e);
    }
  }

  static Versions versions(byte[] body, String source) {
    JsonNode root = tree(body, source);
    List<VersionInfo> versions = new ArrayList<>();
    for (JsonNode node : root.path("versions")) {
      Map<String, String> columns = new LinkedHashMap<>();
      for (JsonNode column : node.path("columns")) {
        columns.put(column.path("name").asText(), column.path("type").asText());
      }
      versions.add(
          new VersionInfo(
              node.path("version").asText(),
              instant(node.path("as_of").asText(), source),
              instant(node.path("published_at").asText(), source),
              node.path("rows").asLong(),
              node.path("latest").asBoolean(),
              node.path("serving").asBoolean(),
              Map.copyOf(columns)));
    }
    return new Versions(text(root, "latest"), text(root, "serving"), List.copyOf(versions));
  }

  static Health health(int status, byte[] body, String source) {
    JsonNode root = tree(body, source);
    return new Health(
        status == 200, text(root, "version"), root.path("rows").asLong(), text(root, "reason"));
  }

  /** The {@code error} of an error answer, or the start of a body that is not one. */
  static String error(byte[] body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.isTextual()) {
        return error.asText();
      }
    } catch (IOException | RuntimeException notJson) {
      // Not the API's error JSON: show what came instead.
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.isEmpty()
        ? "(no body)"
        : text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  /** The body of a batch request: the ids as a JSON list. */
  static byte[] idList(List<String> ids) {
    try {
      return JSON.writeValueAsBytes(ids);
    } catch (IOException e) {
      throw new IllegalStateException("a list of strings could not be written as JSON", e);
    }
  }

  private static Object scalar(JsonParser parser, JsonToken token, String source)
      throws IOException {
    return switch (token) {
      case VALUE_NULL -> null;
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_STRING -> parser.getText();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default ->
          throw malformed(
              source,
              "feature `" + parser.currentName() + "` is not a number, text or boolean",
              null);
    };
  }

  private static JsonNode tree(byte[] body, String source) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        throw malformed(source, "not a JSON object", null);
      }
      return root;
    } catch (IOException e) {
      throw malformed(source, "not JSON (" + e.getMessage() + ")", e);
    }
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.path(field);
    return node.isTextual() ? node.asText() : null;
  }

  private static Instant instant(String text, String source) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw malformed(source, "`" + text + "` is not an instant", e);
    }
  }

  private static void expect(
      JsonParser parser, JsonToken actual, JsonToken expected, String source) {
    if (actual != expected) {
      throw malformed(
          source,
          "expected " + expected + " but found " + actual + " at " + parser.currentLocation(),
          null);
    }
  }

  private static UnexpectedAnswerException malformed(String source, String what, Throwable cause) {
    return new UnexpectedAnswerException(
        source
            + " answered a body the client cannot read: "
            + what
            + "; is the URL a LoyaltyLens API?",
        200,
        cause);
  }
}
