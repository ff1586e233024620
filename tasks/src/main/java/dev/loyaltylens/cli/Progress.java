package dev.loyaltylens.cli;

import java.util.function.Consumer;

/** Progress lines go to stderr, so that stdout carries only results (a version id, a table). */
final class Progress {

  private Progress() {}

  /** Lines that start with the verb that prints them, such as {@code publish: }. */
  static Consumer<String> toStderr(String verb) {
    Consumer<String> stderr = toStderr();
    return line -> stderr.accept(verb + ": " + line);
  }

  static Consumer<String> toStderr() {
    return line -> {
      System.err.println(line);
      System.err.flush();
    };
  }
}
