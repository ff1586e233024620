package dev.loyaltylens.serving.routes;

/** Shortens what a client sent before it is echoed in an error message. */
final class Quoting {

  private static final int MAX = 80;

  private Quoting() {}

  static String shorten(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= MAX
        ? text
        : text.substring(0, MAX) + "...(" + text.length() + " characters)";
  }
}
