package dev.loyaltylens.client;

/** A feature read as a type its value does not have, such as a text feature read as a number. */
public final class FeatureTypeException extends FeatureClientException {

  FeatureTypeException(String message) {
    super(message);
  }
}
