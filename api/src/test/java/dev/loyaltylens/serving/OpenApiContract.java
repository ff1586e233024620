package dev.loyaltylens.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.loyaltylens.serving.openapi.OpenApiDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The OpenAPI document the server publishes, as a check of real answers: the operation of a method
 * and path, the response of its status, the media type, and the body against the response's schema,
 * validated by networknt's JSON Schema validator in the OpenAPI 3.1 dialect. A method and path the
 * document does not list must be answered as its description says: 404 (or 401) with an Error.
 *
 * <p>Response bodies in JSON name their schema by {@code $ref} under {@code #/components/schemas},
 * so each is compiled once and shared by every test.
 */
final class OpenApiContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMAS = "#/components/schemas/";

  /** The document on the classpath, the same bytes as {@code GET /openapi.json} answers. */
  static final OpenApiContract PUBLISHED = load();

  private final JsonNode document;
  private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31());
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private OpenApiContract(JsonNode document) {
    this.document = document;
  }

  private static OpenApiContract load() {
    try (InputStream in =
        OpenApiContract.class.getClassLoader().getResourceAsStream(OpenApiDocument.RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OpenApiDocument.RESOURCE + " is not on the test classpath");
      }
      return new OpenApiContract(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + OpenApiDocument.RESOURCE, e);
    }
  }

  /** An operation of the document: its path template and its node. */
  record Operation(String method, String template, JsonNode node) {

    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  /**
   * Throws an {@link AssertionError} naming every way in which an answer breaks the document.
   *
   * @param target the path and query the request was sent to
   */
  void check(String method, String target, int status, String contentType, String body) {
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    String request = method + " " + target;
    Operation operation = operation(method, path);
    if (operation == null) {
      if (status != 404 && status != 401) {
        throw new AssertionError(
            request
                + " answered "
                + status
                + ", but the document has no operation for it:"
                + " only 404 or 401 with an Error may answer a route it does not list");
      }
      requireJson(request, contentType);
      validate(request, "Error", body);
      return;
    }
    JsonNode response = response(operation, status);
    if (response == null) {
      throw new AssertionError(
          request
              + " answered "
              + status
              + ", which "
              + operation
              + " does not document: it"
              + " lists "
              + fieldNames(operation.node().path("responses")));
    }
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (!body.isEmpty()) {
        throw new AssertionError(
            request + " answered " + status + " with a body, which the document does not list");
      }
      return;
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    JsonNode media = content.get(mediaType);
    if (media == null) {
      throw new AssertionError(
          request
              + " answered "
              + status
              + " as `"
              + contentType
              + "`, but "
              + operation
              + " documents "
              + fieldNames(content)
              + " for that status");
    }
    if (!isJson(mediaType)) {
      return;
    }
    String reference = media.path("schema").path("$ref").asText("");
    if (!reference.startsWith(SCHEMAS)) {
      throw new AssertionError(
          operation
              + " "
              + status
              + " "
              + mediaType
              + " names no schema under "
              + SCHEMAS
              + ": give it one there, so that answers can be checked against it");
    }
    validate(request + " (" + status + ")", reference.substring(SCHEMAS.length()), body);
  }

  /** Every operation in the document, in its order. */
  List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        method -> {
                          if (!method.getKey().equals("parameters")) {
                            operations.add(
                                new Operation(
                                    method.getKey().toUpperCase(Locale.ROOT),
                                    path.getKey(),
                                    method.getValue()));
                          }
                        }));
    return operations;
  }

  /**
   * The operation of a method and a concrete path, or null. As OpenAPI wants it, a path without
   * parameters wins over a template that also matches it, so {@code /features/stats} is not {@code
   * /features/{customer_id}}.
   */
  Operation operation(String method, String path) {
    Operation templated = null;
    for (Operation operation : operations()) {
      if (!operation.method().equals(method)) {
        continue;
      }
      if (operation.template().equals(path)) {
        return operation;
      }
      if (templated == null && matches(operation.template(), path)) {
        templated = operation;
      }
    }
    return templated;
  }

  private static boolean matches(String template, String path) {
    String[] expected = template.split("/", -1);
    String[] actual = path.split("/", -1);
    if (expected.length != actual.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      boolean parameter = expected[i].startsWith("{") && expected[i].endsWith("}");
      if (parameter ? actual[i].isEmpty() : !expected[i].equals(actual[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The response object of a status: the exact code, else its range such as {@code 4XX}, else the
   * default.
   */
  private JsonNode response(Operation operation, int status) {
    JsonNode responses = operation.node().path("responses");
    for (String key : new String[] {Integer.toString(status), (status / 100) + "XX", "default"}) {
      JsonNode response = responses.get(key);
      if (response != null) {
        return resolve(response);
      }
    }
    return null;
  }

  /** Follows a local {@code $ref} such as {@code #/components/responses/NotReady}. */
  private JsonNode resolve(JsonNode node) {
    JsonNode reference = node.get("$ref");
    if (reference == null) {
      return node;
    }
    JsonNode target = document.at(reference.asText().substring(1));
    if (target.isMissingNode()) {
      throw new AssertionError(
          "the document refers to " + reference.asText() + ", which it does not hold");
    }
    return resolve(target);
  }

  private void validate(String request, String schemaName, String body) {
    Schema schema =
        schemas.computeIfAbsent(
            schemaName,
            name -> {
              if (document.path("components").path("schemas").path(name).isMissingNode()) {
                throw new AssertionError("the document has no schema " + SCHEMAS + name);
              }
              Schema compiled =
                  registry.getSchema(
                      SchemaLocation.of("classpath:" + OpenApiDocument.RESOURCE + SCHEMAS + name));
              compiled.initializeValidators();
              return compiled;
            });
    List<Error> errors;
    try {
      errors =
          schema.validate(
              body,
              InputFormat.JSON,
              context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    } catch (RuntimeException notJson) {
      throw new AssertionError(
          request + " answered a body that is not JSON: " + shorten(body), notJson);
    }
    if (!errors.isEmpty()) {
      throw new AssertionError(
          request
              + " answered a body that breaks "
              + SCHEMAS
              + schemaName
              + ": "
              + errors.stream()
                  .map(e -> e.getInstanceLocation() + " " + e.getMessage())
                  .collect(Collectors.joining("; "))
              + "\nbody: "
              + shorten(body));
    }
  }

  private static void requireJson(String request, String contentType) {
    if (!isJson(contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))) {
      throw new AssertionError(
          request + " answered `" + contentType + "`, not the JSON of an Error");
    }
  }

  private static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  private static String fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return String.join(", ", names);
  }

  private static String shorten(String body) {
    return body.length() > 500 ? body.substring(0, 500) + "..." : body;
  }
}
