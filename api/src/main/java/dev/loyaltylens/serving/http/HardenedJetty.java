package dev.loyaltylens.serving.http;

import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import spark.embeddedserver.EmbeddedServer;
import spark.embeddedserver.jetty.websocket.WebSocketHandlerWrapper;
import spark.ssl.SslStores;

/**
 * The embedded Jetty 9.4 that SparkJava runs on, built here instead of by SparkJava's default
 * factory so that its limits are the API's: no {@code Server} banner, body framing by length only,
 * non-blocking reads and writes with deadlines and minimum rates, short idle timeouts, errors as
 * JSON, and the port bound once (SparkJava's own server looks for a free port, closes it and binds
 * it again).
 */
final class HardenedJetty implements EmbeddedServer {

  private final Handler spark;
  private final HttpLimits limits;
  private final HttpApp.Observer observer;
  private volatile Server server;

  HardenedJetty(Handler spark, HttpLimits limits, HttpApp.Observer observer) {
    this.spark = spark;
    this.limits = limits;
    this.observer = observer;
  }

  @Override
  public int ignite(
      String host,
      int port,
      SslStores sslStores,
      int maxThreads,
      int minThreads,
      int threadIdleMillis)
      throws Exception {
    if (sslStores != null) {
      throw new IllegalArgumentException(
          "the API speaks plain HTTP: terminate TLS in a reverse proxy in front of it");
    }
    QueuedThreadPool threads = new QueuedThreadPool(maxThreads, minThreads, threadIdleMillis);
    threads.setName("serve-http");
    Server jetty = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    config.setRequestHeaderSize(limits.maxHeaderBytes());
    config.setIdleTimeout(limits.stallTimeout().toMillis());
    ServerConnector connector = new ServerConnector(jetty, new ContentLengthFraming(config));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(limits.keepAliveTimeout().toMillis());
    jetty.addConnector(connector);
    BufferedExchange exchange = new BufferedExchange(limits, observer);
    exchange.setHandler(spark);
    jetty.setHandler(exchange);
    jetty.setErrorHandler(new JsonErrors(limits, observer));
    server = jetty;
    jetty.start();
    return connector.getLocalPort();
  }

  /** SparkJava asks every server to take its web sockets; the API has none. */
  @Override
  public void configureWebSockets(
      Map<String, WebSocketHandlerWrapper> handlers, Optional<Long> idleTimeoutMillis) {
    if (handlers != null && !handlers.isEmpty()) {
      throw new UnsupportedOperationException("the API serves no web sockets");
    }
  }

  @Override
  public void join() throws InterruptedException {
    Server jetty = server;
    if (jetty != null) {
      jetty.join();
    }
  }

  /** Stops Jetty; unlike SparkJava's own server, a failure to stop does not end the JVM. */
  @Override
  public void extinguish() {
    Server jetty = server;
    if (jetty == null) {
      return;
    }
    try {
      jetty.stop();
    } catch (Exception e) {
      System.err.println("serve: the HTTP server did not stop cleanly: " + e.getMessage());
    }
  }

  @Override
  public int activeThreadCount() {
    Server jetty = server;
    return jetty == null
        ? 0
        : jetty.getThreadPool().getThreads() - jetty.getThreadPool().getIdleThreads();
  }
}
