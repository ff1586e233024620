package dev.loyaltylens.serving.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.http.Reply;

/**
 * The one place where a failure becomes an HTTP reply: a {@link ServingException} gives its status
 * and message; anything else is a defect, answered 500 with a generic message and logged in one
 * line, never a stack trace.
 */
public final class Failures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Failures() {}

  public static Reply reply(RuntimeException failure) {
    if (failure instanceof ServingException known) {
      if (known.status() == 500) {
        System.err.println("serve: " + known.getMessage());
      }
      return error(known.status(), known.getMessage());
    }
    System.err.println(
        "serve: unexpected " + failure.getClass().getName() + ": " + failure.getMessage());
    return error(
        500,
        "internal error ("
            + failure.getClass().getSimpleName()
            + "): the server log has the details");
  }

  static Reply error(int status, String message) {
    ObjectNode body = JSON.createObjectNode().put("error", message);
    try {
      return Reply.json(status, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error message could not be written as JSON", e);
    }
  }
}
