package dev.loyaltylens.serving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own refusals (a request it could not parse, a request line or headers too long, a failure
 * outside the routes) answered as the API answers every error, {@code {"error": "..."}}, instead of
 * Jetty's HTML page.
 */
final class JsonErrors extends ErrorHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpApp.Observer observer;
  private final HttpLimits limits;

  JsonErrors(HttpLimits limits, HttpApp.Observer observer) {
    this.limits = limits;
    this.observer = observer;
  }

  /** The body of an error reply. */
  static byte[] body(String message) {
    try {
      return JSON.writeValueAsBytes(JSON.createObjectNode().put("error", message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error message could not be written as JSON", e);
    }
  }

  /**
   * A request the parser refused: it never reached a route, and Jetty closes the connection after
   * this answer.
   */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
    observer.observe(HttpServer.REFUSED, status, 0);
    fields.put(HttpHeader.CONTENT_TYPE, Reply.JSON);
    return ByteBuffer.wrap(body(message(status, reason)));
  }

  /**
   * An error Jetty raised while a request was handled, such as a failure that escaped every route.
   */
  @Override
  public void doError(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = response.getStatus();
    Object reason = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    observer.observe(HttpServer.REFUSED, status, 0);
    byte[] body = body(message(status, reason == null ? null : reason.toString()));
    response.setContentType(Reply.JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    baseRequest.setHandled(true);
  }

  private String message(int status, String reason) {
    String said = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    return switch (status) {
      case 400 -> "malformed request: " + said + "; the connection is closed";
      case 414 ->
          "the request line is longer than " + limits.maxHeaderBytes() + " bytes: shorten the URL";
      case 431 ->
          "the request headers are longer than "
              + limits.maxHeaderBytes()
              + " bytes in all: send fewer";
      case 505 -> "HTTP version not supported (" + said + "): send HTTP/1.1";
      default -> said.toLowerCase(Locale.ROOT);
    };
  }
}
