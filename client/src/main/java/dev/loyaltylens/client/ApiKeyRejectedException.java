package dev.loyaltylens.client;

/** The service requires its API key and the client sent none, or a wrong one (401). */
public final class ApiKeyRejectedException extends RequestRejectedException {

  ApiKeyRejectedException(String message) {
    super(message, 401);
  }
}
