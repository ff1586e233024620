package dev.loyaltylens.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A bounded load on the API while faults happen beside it: a few clients asking for known
 * customers, one at a time with a short pause, every answer that is not a 200 kept with what it
 * said.
 */
final class SteadyLoad implements AutoCloseable {

  private static final int CLIENTS = 2;
  private static final int MAX_REQUESTS_PER_CLIENT = 100_000;
  private static final Duration PAUSE = Duration.ofMillis(2);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong answered = new AtomicLong();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> clients = new ArrayList<>();

  /** Starts asking {@code port} for the vectors of {@code ids}, singly and in batches. */
  SteadyLoad(int port, List<String> ids) {
    URI base = URI.create("http://127.0.0.1:" + port);
    String batch =
        ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    for (int c = 0; c < CLIENTS; c++) {
      Thread client =
          new Thread(
              () -> {
                for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && running.get(); i++) {
                  HttpRequest request =
                      i % 4 == 3
                          ? HttpRequest.newBuilder(base.resolve("/features/batch"))
                              .timeout(Duration.ofSeconds(5))
                              .header("Content-Type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofString(batch))
                              .build()
                          : HttpRequest.newBuilder(
                                  base.resolve("/features/" + ids.get(i % ids.size())))
                              .timeout(Duration.ofSeconds(5))
                              .build();
                  ask(request);
                  pause();
                }
              },
              "steady-load-" + c);
      client.setDaemon(true);
      clients.add(client);
      client.start();
    }
  }

  long answered() {
    return answered.get();
  }

  /** Every answer that was not a 200, and every request that got no answer. */
  List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread client : clients) {
      client.join(10_000);
    }
  }

  private void ask(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      answered.incrementAndGet();
      if (response.statusCode() != 200) {
        failures.add(
            request.method()
                + " "
                + request.uri().getPath()
                + ": "
                + response.statusCode()
                + " "
                + response.body());
      }
    } catch (IOException e) {
      failures.add(request.method() + " " + request.uri().getPath() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  private void pause() {
    try {
      Thread.sleep(PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }
}
