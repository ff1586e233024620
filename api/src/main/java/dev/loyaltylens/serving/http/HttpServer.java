package dev.loyaltylens.serving.http;

import java.util.concurrent.atomic.AtomicReference;
import spark.Response;
import spark.Route;
import spark.Service;

/**
 * An {@link HttpApp} served by an embedded SparkJava instance on one address and port, on the
 * hardened Jetty of {@link HardenedJettyFactory} with the limits of {@link HttpLimits#DEFAULTS}.
 */
public final class HttpServer implements AutoCloseable {

  /** Label of the requests that no route matched. */
  static final String UNMATCHED = "unmatched";

  /**
   * Label of the requests the HTTP layer refused before any route saw them: malformed, too large,
   * too slow.
   */
  static final String REFUSED = "refused";

  private final Service service;
  private final HardenedJettyFactory.Slot slot;

  private HttpServer(Service service, HardenedJettyFactory.Slot slot) {
    this.service = service;
    this.slot = slot;
  }

  /**
   * Starts serving and returns once the port is bound.
   *
   * @param port 0 for any free port; {@link #port()} tells which
   * @param threads the most requests answered at once
   */
  public static HttpServer start(String host, int port, int threads, HttpApp app) {
    Service service = Service.ignite();
    HardenedJettyFactory.Slot slot =
        HardenedJettyFactory.register(HttpLimits.DEFAULTS, app.observer());
    service.embeddedServerIdentifier(slot);
    AtomicReference<Exception> failure = new AtomicReference<>();
    // Spark's default reaction to a failed start is System.exit; the caller decides instead.
    service.initExceptionHandler(failure::set);
    service.ipAddress(host);
    service.port(port);
    // Jetty takes its acceptor and selector threads from this pool too: keep a few beyond the
    // handlers.
    service.threadPool(threads + 4, Math.min(threads + 4, 8), 60_000);
    Router router = new Router(app.endpoints());
    Route dispatch =
        (request, response) -> {
          // HEAD is GET without a body, which Jetty leaves out.
          String method = request.requestMethod().equals("HEAD") ? "GET" : request.requestMethod();
          Router.Match match = router.match(method, request.raw().getRequestURI());
          return match == null
              ? answer(app, UNMATCHED, app.fallback(), new SparkCall(request, null), response)
              : answer(
                  app,
                  match.endpoint().label(),
                  match.endpoint().handler(),
                  new SparkCall(request, match),
                  response);
        };
    // One catch-all route per method: the routing itself is the Router's.
    service.get("*", dispatch);
    service.post("*", dispatch);
    service.put("*", dispatch);
    service.delete("*", dispatch);
    service.patch("*", dispatch);
    service.options("*", dispatch);
    service.head("*", dispatch);
    service.trace("*", dispatch);
    service.connect("*", dispatch);
    service.init();
    service.awaitInitialization();
    if (failure.get() != null) {
      service.stop();
      service.awaitStop();
      HardenedJettyFactory.release(slot);
      throw new IllegalStateException(
          "could not listen on " + host + ":" + port + ": " + failure.get().getMessage(),
          failure.get());
    }
    return new HttpServer(service, slot);
  }

  /** The port actually bound. */
  public int port() {
    return service.port();
  }

  /** Stops accepting requests and waits until the server is down. */
  @Override
  public void close() {
    service.stop();
    service.awaitStop();
    HardenedJettyFactory.release(slot);
  }

  private static byte[] answer(
      HttpApp app, String label, Handler handler, Call call, Response response) {
    long start = System.nanoTime();
    Reply reply;
    try {
      reply = handler.handle(call);
    } catch (RuntimeException e) {
      reply = app.failures().apply(e);
    }
    response.status(reply.status());
    response.type(reply.contentType());
    // A declared length lets Jetty send the reply in one write and tells it when the reply is
    // complete.
    response.raw().setContentLength(reply.body().length);
    app.observer().observe(label, reply.status(), System.nanoTime() - start);
    return reply.body();
  }
}
