package dev.loyaltylens.serving.lookups;

/**
 * One row of the log: an answered lookup, or the first answer a process gave from a newly current
 * version.
 *
 * @param asked how the request chose its version: {@code latest}, {@code as_of} or {@code version};
 *     null for a first answer
 * @param askedAsOfMicros the instant of {@code ?as_of=}, in microseconds since the epoch; 0
 *     otherwise
 * @param answer the vector as answered, JSON; null for a first answer
 */
record LoggedLookup(
    String kind,
    String customerId,
    long requestedAtMicros,
    String asked,
    long askedAsOfMicros,
    String version,
    byte[] answer) {

  static final String LOOKUP = "lookup";
  static final String FIRST_SERVED = "first_served";
}
