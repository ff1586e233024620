package dev.loyaltylens.analyst;

/**
 * Evaluates the arithmetic a fixture may write instead of a number ({@code 0.30 * 89/90 + 0.025}):
 * numbers, {@code + - * /} and parentheses, so that the working of an expected value stays in the
 * fixture.
 */
final class Arithmetic {

  private final String text;
  private int position;

  private Arithmetic(String text) {
    this.text = text;
  }

  /** The value of the expression, or null when the text is not arithmetic. */
  static Double evaluate(String text) {
    Arithmetic parser = new Arithmetic(text);
    try {
      double value = parser.sum();
      parser.skipBlanks();
      return parser.position == text.length() ? value : null;
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  private double sum() {
    double value = product();
    while (true) {
      skipBlanks();
      if (accept('+')) {
        value += product();
      } else if (accept('-')) {
        value -= product();
      } else {
        return value;
      }
    }
  }

  private double product() {
    double value = factor();
    while (true) {
      skipBlanks();
      if (accept('*')) {
        value *= factor();
      } else if (accept('/')) {
        value /= factor();
      } else {
        return value;
      }
    }
  }

  private double factor() {
    skipBlanks();
    if (accept('-')) {
      return -factor();
    }
    if (accept('(')) {
      double value = sum();
      skipBlanks();
      if (!accept(')')) {
        throw new NumberFormatException("missing )");
      }
      return value;
    }
    int start = position;
    while (position < text.length()
        && (Character.isDigit(text.charAt(position))
            || ".eE".indexOf(text.charAt(position)) >= 0
            || (position > start
                && "+-".indexOf(text.charAt(position)) >= 0
                && "eE".indexOf(text.charAt(position - 1)) >= 0))) {
      position++;
    }
    return Double.parseDouble(text.substring(start, position));
  }

  private boolean accept(char c) {
    if (position < text.length() && text.charAt(position) == c) {
      position++;
      return true;
    }
    return false;
  }

  private void skipBlanks() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }
}
