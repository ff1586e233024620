package dev.loyaltylens.analyst;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits rendered SQL into tokens, skipping comments and keeping each token's offset, so that
 * checks on the SQL (statements with side effects, files read directly, bound values) can point at
 * the exact place.
 */
final class SqlScanner {

  enum Kind {
    WORD,
    QUOTED_IDENTIFIER,
    STRING,
    NUMBER,
    PARAMETER,
    SYMBOL
  }

  /**
   * @param text the token as written; for a parameter the name without its colon, for a quoted
   *     identifier the name without quotes
   */
  record Token(Kind kind, String text, int offset) {

    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** A word or a quoted identifier, lower case: what DuckDB compares names by. */
    String name() {
      return text.toLowerCase(Locale.ROOT);
    }
  }

  private SqlScanner() {}

  static List<Token> scan(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'') {
        int end = i + 1;
        while (end < n
            && !(sql.charAt(end) == '\'' && (end + 1 >= n || sql.charAt(end + 1) != '\''))) {
          end += sql.charAt(end) == '\'' ? 2 : 1;
        }
        tokens.add(new Token(Kind.STRING, sql.substring(i + 1, Math.min(end, n)), i));
        i = end + 1;
      } else if (c == '"') {
        int end = sql.indexOf('"', i + 1);
        end = end < 0 ? n : end;
        tokens.add(new Token(Kind.QUOTED_IDENTIFIER, sql.substring(i + 1, end), i));
        i = end + 1;
      } else if (c == '$' && i + 1 < n && sql.charAt(i + 1) == '$') {
        int end = sql.indexOf("$$", i + 2);
        end = end < 0 ? n : end;
        tokens.add(new Token(Kind.STRING, sql.substring(i + 2, end), i));
        i = end + 2;
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        tokens.add(new Token(Kind.SYMBOL, "::", i));
        i += 2;
      } else if (c == ':' && i + 1 < n && isWordStart(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < n && isWordPart(sql.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Kind.PARAMETER, sql.substring(i + 1, end), i));
        i = end;
      } else if (isWordStart(c)) {
        int end = i;
        while (end < n && isWordPart(sql.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Kind.WORD, sql.substring(i, end), i));
        i = end;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        int end = i;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
          end++;
        }
        tokens.add(new Token(Kind.NUMBER, sql.substring(i, end), i));
        i = end;
      } else {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
        i++;
      }
    }
    return tokens;
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
