package dev.loyaltylens.client;

/**
 * The service could not answer, after every retry: it answered 503 (starting, nothing published),
 * it could not be reached, or it did not answer within the request timeout. Trying again later may
 * work.
 */
public final class ServiceUnavailableException extends FeatureClientException {

  ServiceUnavailableException(String message, int status, Throwable cause) {
    super(message, status, cause);
  }
}
