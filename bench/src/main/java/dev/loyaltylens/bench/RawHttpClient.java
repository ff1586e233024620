package dev.loyaltylens.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 client on one kept-alive socket, for timing the server rather than a client library:
 * it writes a request, reads the status line, the headers and a body of Content-Length bytes or in
 * chunks.
 */
final class RawHttpClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] request;
  private byte[] body = new byte[4096];

  RawHttpClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    request = " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends {@code GET path} and returns the status; the body is read and dropped. */
  int get(String path) throws IOException {
    byte[] line = ("GET " + path).getBytes(StandardCharsets.US_ASCII);
    byte[] message = new byte[line.length + request.length];
    System.arraycopy(line, 0, message, 0, line.length);
    System.arraycopy(request, 0, message, line.length, request.length);
    out.write(message);
    out.flush();
    return readAnswer();
  }

  /**
   * Sends {@code POST path} with a JSON body and returns the status; the answer's body is read and
   * dropped.
   */
  int post(String path, byte[] json) throws IOException {
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    // One write, so that the request leaves in one segment as a client library would send it.
    byte[] message = new byte[head.length + json.length];
    System.arraycopy(head, 0, message, 0, head.length);
    System.arraycopy(json, 0, message, head.length, json.length);
    out.write(message);
    out.flush();
    return readAnswer();
  }

  private int readAnswer() throws IOException {
    String status = readLine();
    if (!status.startsWith("HTTP/1.1 ")) {
      throw new IOException("not an HTTP/1.1 answer: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    for (String header = readLine(); !header.isEmpty(); header = readLine()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim();
      String value = header.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(readLine().trim(), 16);
          size > 0;
          size = Long.parseLong(readLine().trim(), 16)) {
        readBody(size);
        readLine();
      }
      readLine();
    } else if (length >= 0) {
      readBody(length);
    } else {
      throw new IOException(
          "an answer with neither Content-Length nor chunks cannot be kept alive");
    }
    return code;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void readBody(long length) throws IOException {
    if (length > body.length) {
      body = new byte[(int) length];
    }
    int read = in.readNBytes(body, 0, (int) length);
    if (read != length) {
      throw new IOException(
          "the connection closed " + (length - read) + " bytes before the end of the body");
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the connection closed mid-answer");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
