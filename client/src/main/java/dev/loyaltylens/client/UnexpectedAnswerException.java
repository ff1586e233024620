package dev.loyaltylens.client;

/**
 * An answer the client cannot use: a server error (500, such as an unreadable snapshot), a status
 * the API does not document, or a body that is not the API's JSON, as from a URL that is not a
 * LoyaltyLens API.
 */
public final class UnexpectedAnswerException extends FeatureClientException {

  UnexpectedAnswerException(String message, int status, Throwable cause) {
    super(message, status, cause);
  }
}
