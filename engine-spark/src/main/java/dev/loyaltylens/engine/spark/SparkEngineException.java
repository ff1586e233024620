package dev.loyaltylens.engine.spark;

import dev.loyaltylens.LoyaltyLensException;

/** The Spark engine could not do its part: start, read the events, hand a relation over. */
public final class SparkEngineException extends LoyaltyLensException {

  SparkEngineException(String message) {
    super(message);
  }

  SparkEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
