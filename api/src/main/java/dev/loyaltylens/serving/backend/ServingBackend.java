package dev.loyaltylens.serving.backend;

import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;

/**
 * Where the API's answers come from: the published versions, the one being served, and any other
 * published one a request names. The routes call only this, so a backend is one package that
 * implements it; today's is the in-memory index ({@code serving.memory}).
 *
 * <p>Whatever the backend, a request never sees a half-loaded version and never mixes two: {@link
 * #current} is replaced whole when a newly published version is ready.
 */
public interface ServingBackend extends AutoCloseable {

  /**
   * Starts following what is published (the first load happens in the background); returns at once.
   */
  void start();

  /** The published versions as last read; null while nothing is published. */
  PublishedManifest published();

  /**
   * The version that answers requests naming none: the latest published, once it is ready; null
   * until then. Called on every lookup, so it only reads a reference.
   */
  ServedVersion current();

  /**
   * A published version that a request names, by id or by as-of; for the current one, {@link
   * #current}. Failing to reach the version is a {@link ServingException} (500).
   */
  ServedVersion version(PublishedVersion version);

  /**
   * Why the version answering is not the latest published one, with what to do about it, for {@code
   * /health}; null while it is the latest (or while none answers: see {@link #notReadyReason}).
   */
  default String warning() {
    return null;
  }

  /** Why {@link #current} is null, for a 503 reply and {@code /health}. */
  String notReadyReason();

  /** Stops following and lets go of what the backend holds. */
  @Override
  void close();
}
