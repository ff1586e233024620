package dev.loyaltylens.serving.http;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Jetty's handler in front of SparkJava's: a request reaches SparkJava only once its whole body is
 * in memory, and SparkJava's reply is written back without a thread waiting for the client to take
 * it. A slow, stalled or vanished client therefore holds a connection and at most its own body,
 * never one of the threads that answer.
 *
 * <p>Both waits are Servlet 3.1 non-blocking I/O: a listener is called as bytes arrive or as the
 * socket drains, on whichever thread is free then, for microseconds. The body must arrive within
 * {@link HttpLimits#bodyDeadline()} and keep up with {@link HttpLimits#minimumBodyBytes(long)}
 * (408), the reply be taken within {@link HttpLimits#replyDeadline()}, and all bodies held at once
 * stay under {@link HttpLimits#bufferedBodyBytes()} (503).
 *
 * <p>The minimum rate is checked here rather than by Jetty 9.4's {@code setMinRequestDataRate},
 * which measures from the first byte with no allowance: a 40-byte body whose end is read 5 ms after
 * its start is "slower than 8 KiB/s" there, so on a busy machine it refused ordinary small
 * requests.
 */
final class BufferedExchange extends HandlerWrapper {

  /** The request attribute that holds the body, read in full, for the route to take. */
  static final String BODY = BufferedExchange.class.getName() + ".body";

  private static final int FIRST_CHUNK = 16 * 1024;

  private final HttpLimits limits;
  private final HttpApp.Observer observer;

  /** Body bytes held for every connection together. */
  private final AtomicLong buffered = new AtomicLong();

  BufferedExchange(HttpLimits limits, HttpApp.Observer observer) {
    this.limits = limits;
    this.observer = observer;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (request.getDispatcherType() == DispatcherType.REQUEST) {
      long length = request.getContentLengthLong();
      if (length > limits.maxBodyBytes()) {
        baseRequest.setHandled(true);
        refuse(
            request.startAsync(),
            response,
            System.nanoTime(),
            413,
            String.format(
                Locale.ROOT,
                "a request body holds at most %,d bytes, this one declares %,d",
                limits.maxBodyBytes(),
                length));
        return;
      }
      if (length > 0) {
        baseRequest.setHandled(true);
        readBody(request, response, (int) length);
        return;
      }
    }
    answer(target, baseRequest, request, response);
  }

  /** Hands the request, its body read, to SparkJava, then writes what SparkJava answered. */
  private void answer(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    long start = System.nanoTime();
    byte[] body = (byte[]) request.getAttribute(BODY);
    ReplyBuffer reply = new ReplyBuffer(response);
    try {
      super.handle(target, baseRequest, request, reply);
    } finally {
      if (body != null) {
        request.removeAttribute(BODY);
        buffered.addAndGet(-body.length);
      }
    }
    if (!baseRequest.isHandled()) {
      // SparkJava has no route for a method outside HTTP's own (every standard one reaches the
      // app's fallback).
      baseRequest.setHandled(true);
      refuse(
          request.startAsync(),
          response,
          start,
          501,
          "method " + request.getMethod() + " is not implemented: use GET or POST");
      return;
    }
    write(request.startAsync(), response, reply.bytes());
  }

  private void readBody(HttpServletRequest request, HttpServletResponse response, int length)
      throws IOException {
    AsyncContext async = request.startAsync();
    async.setTimeout(limits.bodyDeadline().toMillis());
    BodyReader reader = new BodyReader(async, request, response, length);
    async.addListener(reader);
    reader.in.setReadListener(reader);
  }

  /**
   * Answers an error from the HTTP layer itself and closes the connection, which may still be
   * sending.
   */
  private void refuse(
      AsyncContext async, HttpServletResponse response, long start, int status, String message)
      throws IOException {
    observer.observe(HttpServer.REFUSED, status, System.nanoTime() - start);
    response.setStatus(status);
    response.setContentType(Reply.JSON);
    response.setHeader(HttpHeader.CONNECTION.asString(), HttpHeaderValue.CLOSE.asString());
    byte[] body = JsonErrors.body(message);
    response.setContentLength(body.length);
    write(async, response, body);
  }

  private void write(AsyncContext async, HttpServletResponse response, byte[] body)
      throws IOException {
    async.setTimeout(limits.replyDeadline().toMillis());
    ServletOutputStream out = response.getOutputStream();
    ReplyWriter writer = new ReplyWriter(async, out, body);
    async.addListener(writer);
    out.setWriteListener(writer);
  }

  /**
   * Gathers a body as it arrives; once it is all in, dispatches the request again, now to be
   * answered. Jetty runs a request's callbacks (data, timeout, error) one at a time, never two at
   * once.
   */
  private final class BodyReader implements ReadListener, AsyncListener {

    private final AsyncContext async;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final ServletInputStream in;
    private final int length;
    private final long start = System.nanoTime();
    private final AtomicBoolean settled = new AtomicBoolean();

    /**
     * Grown as bytes arrive: a client that declares a large body and sends nothing holds nothing.
     */
    private byte[] body;

    private int filled;

    BodyReader(
        AsyncContext async, HttpServletRequest request, HttpServletResponse response, int length)
        throws IOException {
      this.async = async;
      this.request = request;
      this.response = response;
      this.in = request.getInputStream();
      this.length = length;
      this.body = new byte[Math.min(length, FIRST_CHUNK)];
    }

    @Override
    public void onDataAvailable() throws IOException {
      while (!settled.get() && in.isReady()) {
        if (filled == length) {
          // Everything declared is in: this read only meets the end of the body, and onAllDataRead
          // follows.
          in.read();
          return;
        }
        if (filled == body.length) {
          body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
        }
        int read = in.read(body, filled, body.length - filled);
        if (read < 0) {
          return;
        }
        if (buffered.addAndGet(read) > limits.bufferedBodyBytes()) {
          buffered.addAndGet(-read);
          fail(503, "the server holds too many request bodies at once: retry in a moment");
          return;
        }
        filled += read;
      }
      if (!settled.get()
          && filled < length
          && filled < limits.minimumBodyBytes(System.nanoTime() - start)) {
        fail(
            408,
            String.format(
                Locale.ROOT,
                "the request body arrived slower than %,d bytes/s: send it at once",
                limits.minRequestBytesPerSecond()));
      }
    }

    @Override
    public void onAllDataRead() {
      if (settled.compareAndSet(false, true)) {
        request.setAttribute(BODY, filled == body.length ? body : Arrays.copyOf(body, filled));
        async.dispatch();
      }
    }

    @Override
    public void onError(Throwable failure) {
      if (failure instanceof TimeoutException) {
        fail(
            408,
            String.format(
                Locale.ROOT,
                "no byte of the request body arrived for %d s: send it at once",
                limits.stallTimeout().toSeconds()));
      } else {
        // The client went away mid-body: nobody is left to answer, and it is not the server's
        // failure.
        abandon();
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      fail(
          408,
          String.format(
              Locale.ROOT,
              "the request body did not arrive within %d s of its headers",
              limits.bodyDeadline().toSeconds()));
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {
      onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    private void fail(int status, String message) {
      if (settled.compareAndSet(false, true)) {
        buffered.addAndGet(-filled);
        try {
          refuse(async, response, start, status, message);
        } catch (IOException | IllegalStateException e) {
          async.complete();
        }
      }
    }

    private void abandon() {
      if (settled.compareAndSet(false, true)) {
        buffered.addAndGet(-filled);
        async.complete();
      }
    }
  }

  /**
   * Writes a reply once the socket takes it, and ends the exchange when it is all out or the client
   * is gone.
   */
  private static final class ReplyWriter implements WriteListener, AsyncListener {

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final byte[] body;
    private final AtomicBoolean done = new AtomicBoolean();
    private boolean written;

    ReplyWriter(AsyncContext async, ServletOutputStream out, byte[] body) {
      this.async = async;
      this.out = out;
      this.body = body;
    }

    @Override
    public void onWritePossible() throws IOException {
      if (!written) {
        written = true;
        out.write(body);
      }
      if (out.isReady()) {
        finish();
      }
    }

    @Override
    public void onError(Throwable failure) {
      // A client that closed mid-answer: the reply was counted when it was made, and there is no
      // one to tell.
      finish();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      // A client that does not take its answer: drop the connection rather than hold the reply.
      Request.getBaseRequest(event.getSuppliedRequest())
          .getHttpChannel()
          .abort(new TimeoutException("the answer was not taken in time"));
      finish();
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {
      finish();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    private void finish() {
      if (done.compareAndSet(false, true)) {
        async.complete();
      }
    }
  }
}
