package dev.loyaltylens.client;

/** A feature name that the vector's version does not have. */
public final class UnknownFeatureException extends FeatureClientException {

  UnknownFeatureException(String message) {
    super(message);
  }
}
