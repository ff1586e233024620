package dev.loyaltylens.client;

/**
 * The service refused the request as asked (400, 401, 404 or 413): sending it again will not help.
 */
public class RequestRejectedException extends FeatureClientException {

  RequestRejectedException(String message, int status) {
    super(message, status, null);
  }
}
