package dev.loyaltylens.serving.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import spark.embeddedserver.jetty.JettyServerFactory;

/**
 * Makes SparkJava's Jetty as SparkJava would, except that its replies carry no {@code Server} header: naming the
 * server and its version only tells a scanner which of Jetty's known flaws to try.
 */
final class AnonymousJetty implements JettyServerFactory {

  @Override
  public Server create(int maxThreads, int minThreads, int threadTimeoutMillis) {
    if (maxThreads <= 0) {
      return anonymous(new Server());
    }
    return create(new QueuedThreadPool(
        maxThreads, minThreads > 0 ? minThreads : 8, threadTimeoutMillis > 0 ? threadTimeoutMillis : 60_000));
  }

  @Override
  public Server create(ThreadPool threadPool) {
    return anonymous(threadPool == null ? new Server() : new Server(threadPool));
  }

  /** SparkJava adds its connectors after making the server: they are reconfigured as the server starts. */
  private static Server anonymous(Server server) {
    server.addLifeCycleListener(new AbstractLifeCycle.AbstractLifeCycleListener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        for (Connector connector : server.getConnectors()) {
          HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
          if (http != null) {
            http.getHttpConfiguration().setSendServerVersion(false);
          }
        }
      }
    });
    return server;
  }
}
