package dev.loyaltylens.cli;

import java.util.function.Consumer;

/** Progress lines go to stderr, so that stdout carries only results (a version id, a table). */
final class Progress {

  private Progress() {}

  static Consumer<String> toStderr() {
    return line -> {
      System.err.println(line);
      System.err.flush();
    };
  }
}
