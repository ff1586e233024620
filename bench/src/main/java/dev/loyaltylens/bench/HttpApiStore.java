package dev.loyaltylens.bench;

import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
import java.io.IOException;
import java.time.Duration;

/**
 * This project's API, started in this process on a free loopback port over the benchmark's
 * published snapshot (or the online store it was loaded into), and asked {@code GET /features/{id}}
 * over HTTP on one kept-alive connection.
 */
final class HttpApiStore implements LookupStore {

  private final String name;
  private final FeatureServer server;
  private final RawHttpClient client;
  private final Duration ready;

  private HttpApiStore(String name, FeatureServer server, RawHttpClient client, Duration ready) {
    this.name = name;
    this.server = server;
    this.client = client;
    this.ready = ready;
  }

  static HttpApiStore start(BenchData data) throws Exception {
    return start("LoyaltyLens HTTP API", ServeSettings.local(data.home().root()));
  }

  /** The API over the backend the settings name, reported as {@code name}. */
  static HttpApiStore start(String name, ServeSettings settings) throws Exception {
    long start = System.nanoTime();
    FeatureServer server = FeatureServer.start(settings);
    try {
      if (!server.awaitReady(Duration.ofMinutes(2))) {
        throw new BenchException(name + " had no version ready within 2 minutes");
      }
      Duration ready = Duration.ofNanos(System.nanoTime() - start);
      return new HttpApiStore(name, server, new RawHttpClient(server.port()), ready);
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  int port() {
    return server.port();
  }

  /** Posts a batch of ids (a JSON list) on the same connection. */
  void batch(byte[] body) throws IOException {
    int status = client.post("/features/batch", body);
    if (status != 200) {
      throw new BenchException(name + " answered " + status + " to a batch");
    }
  }

  /** How long the server took from start until it answered from the loaded version. */
  Duration ready() {
    return ready;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean lookup(String customerId) throws IOException {
    int status = client.get("/features/" + customerId);
    if (status != 200 && status != 404) {
      throw new BenchException(name + " answered " + status + " for " + customerId);
    }
    return status == 200;
  }

  @Override
  public void close() throws IOException {
    client.close();
    server.close();
  }
}
