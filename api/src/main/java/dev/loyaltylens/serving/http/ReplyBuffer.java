package dev.loyaltylens.serving.http;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * The response SparkJava writes into: status and headers go to the real response, the body stays in
 * memory until {@link BufferedExchange} writes it without blocking. A reply written in one call, as
 * every route's is, is kept as the caller's array, not copied.
 */
final class ReplyBuffer extends HttpServletResponseWrapper {

  private static final byte[] EMPTY = new byte[0];

  private byte[] whole;
  private ByteArrayOutputStream parts;
  private final ServletOutputStream stream =
      new ServletOutputStream() {
        @Override
        public void write(int b) {
          parts().write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
          if (whole == null && parts == null && offset == 0 && length == bytes.length) {
            whole = bytes;
          } else {
            parts().write(bytes, offset, length);
          }
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          throw new IllegalStateException("a reply is buffered, not written asynchronously");
        }
      };

  ReplyBuffer(HttpServletResponse response) {
    super(response);
  }

  /** What was written, in order. */
  byte[] bytes() {
    if (parts != null) {
      return parts.toByteArray();
    }
    return whole == null ? EMPTY : whole;
  }

  @Override
  public ServletOutputStream getOutputStream() {
    return stream;
  }

  @Override
  public PrintWriter getWriter() {
    throw new IllegalStateException("a reply is written as bytes, through the output stream");
  }

  /** Nothing is sent before the reply is complete, so there is nothing to flush. */
  @Override
  public void flushBuffer() {}

  @Override
  public void resetBuffer() {
    whole = null;
    parts = null;
  }

  @Override
  public void reset() {
    super.reset();
    resetBuffer();
  }

  private ByteArrayOutputStream parts() {
    if (parts == null) {
      parts = new ByteArrayOutputStream();
      if (whole != null) {
        parts.write(whole, 0, whole.length);
        whole = null;
      }
    }
    return parts;
  }
}
