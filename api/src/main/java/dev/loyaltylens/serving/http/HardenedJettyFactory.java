package dev.loyaltylens.serving.http;

import java.util.ArrayDeque;
import java.util.Deque;
import spark.ExceptionMapper;
import spark.embeddedserver.EmbeddedServer;
import spark.embeddedserver.EmbeddedServerFactory;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.JettyHandler;
import spark.http.matching.MatcherFilter;
import spark.route.Routes;
import spark.staticfiles.StaticFilesConfiguration;

/**
 * SparkJava's server factory for the API: SparkJava's own request matching inside a {@link
 * HardenedJetty}.
 *
 * <p>SparkJava picks a factory by an identifier from one static map. Each running server gets a
 * slot there, handed back when it stops and reused by the next, so the map neither grows with every
 * server a process starts nor keeps a stopped server's objects.
 */
final class HardenedJettyFactory implements EmbeddedServerFactory {

  /** An identifier in SparkJava's map of factories. */
  record Slot(int number) {}

  private static final EmbeddedServerFactory STOPPED =
      (routes, staticFiles, exceptions, multipleHandlers) -> {
        throw new IllegalStateException("this HTTP server has been stopped: start a new one");
      };
  private static final Deque<Slot> FREE = new ArrayDeque<>();
  private static int slots;

  private final HttpLimits limits;
  private final HttpApp.Observer observer;

  private HardenedJettyFactory(HttpLimits limits, HttpApp.Observer observer) {
    this.limits = limits;
    this.observer = observer;
  }

  /**
   * Registers a factory with these limits and returns the identifier a {@code Service} picks it by.
   */
  static synchronized Slot register(HttpLimits limits, HttpApp.Observer observer) {
    // SparkJava registers its default on the first start of any service: done here, under this
    // lock, instead.
    EmbeddedServers.initialize();
    Slot slot = FREE.isEmpty() ? new Slot(++slots) : FREE.pop();
    EmbeddedServers.add(slot, new HardenedJettyFactory(limits, observer));
    return slot;
  }

  /** Hands back the slot of a stopped server. */
  static synchronized void release(Slot slot) {
    EmbeddedServers.add(slot, STOPPED);
    FREE.push(slot);
  }

  @Override
  public EmbeddedServer create(
      Routes routes,
      StaticFilesConfiguration staticFiles,
      ExceptionMapper exceptionMapper,
      boolean multipleHandlers) {
    // "Other handlers" are there: a method SparkJava has no route for comes back unhandled to
    // BufferedExchange,
    // which answers it as JSON, instead of SparkJava writing its HTML "not found" page.
    MatcherFilter matcher = new MatcherFilter(routes, staticFiles, exceptionMapper, false, true);
    matcher.init(null);
    return new HardenedJetty(new JettyHandler(matcher), limits, observer);
  }
}
