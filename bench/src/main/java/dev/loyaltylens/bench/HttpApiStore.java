package dev.loyaltylens.bench;

import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
import java.io.IOException;
import java.time.Duration;

/**
 * This project's API, started in this process on a free loopback port over the benchmark's published snapshot,
 * and asked {@code GET /features/{id}} over HTTP on one kept-alive connection.
 */
final class HttpApiStore implements LookupStore {

  private final FeatureServer server;
  private final RawHttpClient client;
  private final Duration ready;

  private HttpApiStore(FeatureServer server, RawHttpClient client, Duration ready) {
    this.server = server;
    this.client = client;
    this.ready = ready;
  }

  static HttpApiStore start(BenchData data) throws Exception {
    long start = System.nanoTime();
    FeatureServer server = FeatureServer.start(ServeSettings.local(data.home().root()));
    try {
      if (!server.awaitReady(Duration.ofMinutes(2))) {
        throw new BenchException("the API did not load " + data.home().root() + " within 2 minutes");
      }
      Duration ready = Duration.ofNanos(System.nanoTime() - start);
      return new HttpApiStore(server, new RawHttpClient(server.port()), ready);
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  /** How long the server took from start until it answered from the loaded version. */
  Duration ready() {
    return ready;
  }

  @Override
  public String name() {
    return "LoyaltyLens HTTP API";
  }

  @Override
  public boolean lookup(String customerId) throws IOException {
    int status = client.get("/features/" + customerId);
    if (status != 200 && status != 404) {
      throw new BenchException("the API answered " + status + " for " + customerId);
    }
    return status == 200;
  }

  @Override
  public void close() throws IOException {
    client.close();
    server.close();
  }
}
