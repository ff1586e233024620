package dev.loyaltylens.engine.spark;

import java.io.IOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one standalone cluster (a master and two one-core workers) of a test run, handed to any test
 * that takes a {@link StandaloneCluster} parameter: the first test class that asks starts it, every
 * later one reuses it, and JUnit closes it (stopping every process) when the run ends, so that the
 * suite pays for starting a cluster once.
 */
final class SharedCluster implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedCluster.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StandaloneCluster.class;
  }

  @Override
  public StandaloneCluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(StandaloneCluster.class, key -> start(), StandaloneCluster.class);
  }

  private static StandaloneCluster start() {
    try {
      StandaloneCluster cluster = StandaloneCluster.start(2);
      System.out.printf(
          "standalone cluster (master and 2 workers) up in %d ms%n",
          cluster.startTime().toMillis());
      return cluster;
    } catch (IOException e) {
      throw new IllegalStateException("could not start the Spark cluster: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the Spark cluster started", e);
    }
  }
}
