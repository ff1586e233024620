package dev.loyaltylens.serving.openapi;

import dev.loyaltylens.serving.http.Call;
import dev.loyaltylens.serving.http.Handler;
import dev.loyaltylens.serving.http.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI document of the API, read once from the classpath and answered as it is stored. */
public final class OpenApiDocument implements Handler {

  /** Where the document lives on the classpath: {@code api/src/main/resources/openapi.json}. */
  public static final String RESOURCE = "openapi.json";

  private final byte[] document;

  private OpenApiDocument(byte[] document) {
    this.document = document;
  }

  /** Reads the document; a jar without it is a broken build, not a request to refuse. */
  public static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing from the classpath: rebuild the api module");
      }
      return new OpenApiDocument(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE + " from the classpath", e);
    }
  }

  @Override
  public Reply handle(Call call) {
    return Reply.json(200, document);
  }
}
