package dev.loyaltylens.serving;

/** A request without the API key, or with a wrong one. */
final class ApiKeyRejectedException extends ServingException {

  ApiKeyRejectedException() {
    super(401, "missing or wrong X-API-Key header: this server requires its API key on every route but /health");
  }
}
