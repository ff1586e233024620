package dev.loyaltylens.serving.backend;

import dev.loyaltylens.LoyaltyLensException;

/**
 * A request the API cannot answer as asked, carrying the HTTP status that says why; the routes'
 * failure handler turns it into a JSON error reply. One type for every status, made by the factory
 * named after it, as Javalin's {@code HttpResponseException} subclasses are: nothing catches one
 * status apart from another.
 */
public final class ServingException extends LoyaltyLensException {

  private final int status;

  private ServingException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 400: an id, parameter or body that breaks the API's rules. */
  public static ServingException badRequest(String message) {
    return new ServingException(400, message, null);
  }

  /** 401: no API key, or a wrong one. */
  public static ServingException unauthorized(String message) {
    return new ServingException(401, message, null);
  }

  /** 404: an unknown customer, version or route. */
  public static ServingException notFound(String message) {
    return new ServingException(404, message, null);
  }

  /** 413: a batch with more ids or bytes than one call may carry. */
  public static ServingException payloadTooLarge(String message) {
    return new ServingException(413, message, null);
  }

  /** 500: a published file that cannot be read, or a server that cannot start. */
  public static ServingException serverError(String message, Throwable cause) {
    return new ServingException(500, message, cause);
  }

  /** 503: no version is loaded yet. */
  public static ServingException unavailable(String message) {
    return new ServingException(503, message, null);
  }
}
