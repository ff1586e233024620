package dev.loyaltylens.engine;

import dev.loyaltylens.UsageException;

/** A run chose an engine that the class path does not offer: a usage error, exit code 2. */
public final class UnknownEngineException extends UsageException {

  UnknownEngineException(String message) {
    super(message);
  }
}
