package dev.loyaltylens.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * Bytes no HTTP client would send, written to the server as they are, and every answer that comes
 * back, read by Jetty's own response parser, so a test can tell one answer from two and a closed
 * connection from an open one.
 */
final class RawHttp {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RawHttp() {}

  /** One answer: status, headers by lower-case name, body. */
  record Answer(int status, Map<String, String> headers, String body) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * What came back on one connection.
   *
   * @param closed whether the server closed the connection before {@code wait} passed
   */
  record Exchange(List<Answer> answers, boolean closed) {

    Answer only() {
      if (answers.size() != 1) {
        throw new AssertionError("expected one answer, got " + answers.size() + ": " + answers);
      }
      return answers.get(0);
    }
  }

  /**
   * Sends {@code request} and reads until the server closes the connection or {@code wait} passes
   * quietly.
   */
  static Exchange send(int port, String request, Duration wait) {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1), wait);
  }

  static Exchange send(int port, byte[] request, Duration wait) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout((int) wait.toMillis());
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      boolean closed = read(socket.getInputStream(), received);
      boolean head =
          new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1)
              .equals("HEAD ");
      return new Exchange(parse(received.toByteArray(), head), closed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads into {@code received} until the end of the stream (true) or a quiet timeout (false). */
  static boolean read(InputStream in, ByteArrayOutputStream received) throws IOException {
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      // A reset after the answers is the server closing too.
      return true;
    }
  }

  /**
   * Every complete answer in {@code bytes}, in order; answers to HEAD have no body whatever their
   * length says.
   */
  static List<Answer> parse(byte[] bytes, boolean head) {
    List<Answer> answers = new ArrayList<>();
    ResponseCollector collector = new ResponseCollector(answers);
    HttpParser parser = new HttpParser(collector);
    parser.setHeadResponse(head);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      int before = buffer.remaining();
      if (parser.parseNext(buffer)) {
        parser.reset();
        parser.setHeadResponse(head);
      } else if (buffer.remaining() == before) {
        break;
      }
    }
    if (collector.failure != null) {
      throw new AssertionError(
          "the server sent a malformed answer: " + collector.failure.getReason());
    }
    return answers;
  }

  private static final class ResponseCollector implements HttpParser.ResponseHandler {

    private final List<Answer> answers;
    private int status;
    private Map<String, String> headers;
    private ByteArrayOutputStream body;
    private BadMessageException failure;

    ResponseCollector(List<Answer> answers) {
      this.answers = answers;
    }

    @Override
    public boolean startResponse(HttpVersion version, int status, String reason) {
      this.status = status;
      this.headers = new LinkedHashMap<>();
      this.body = new ByteArrayOutputStream();
      return false;
    }

    @Override
    public void parsedHeader(HttpField field) {
      headers.put(field.getName().toLowerCase(Locale.ROOT), field.getValue());
    }

    @Override
    public boolean headerComplete() {
      return false;
    }

    @Override
    public boolean content(ByteBuffer item) {
      byte[] bytes = new byte[item.remaining()];
      item.get(bytes);
      body.write(bytes, 0, bytes.length);
      return false;
    }

    @Override
    public boolean contentComplete() {
      return false;
    }

    @Override
    public boolean messageComplete() {
      answers.add(new Answer(status, headers, body.toString(StandardCharsets.UTF_8)));
      return true;
    }

    @Override
    public void earlyEOF() {}

    @Override
    public void badMessage(BadMessageException failure) {
      this.failure = failure;
    }

    @Override
    public int getHeaderCacheSize() {
      return 0;
    }
  }
}
