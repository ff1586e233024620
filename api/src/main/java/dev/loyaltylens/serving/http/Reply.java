package dev.loyaltylens.serving.http;

/**
 * An HTTP answer: status, content type and the body, already encoded.
 *
 * @param body the encoded body, written as is
 */
public record Reply(int status, String contentType, byte[] body) {

  public static final String JSON = "application/json";

  public static Reply json(int status, byte[] body) {
    return new Reply(status, JSON, body);
  }
}
