package dev.loyaltylens.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries with backoff on 503 and on connection errors, and on nothing else. */
class RetryTest {

  static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir Path home;

  @Test
  void retries_503_while_the_service_starts_then_answers() throws Exception {
    try (LiveService service = LiveService.over(home, null).start(0);
        FeatureClient client =
            FeatureClient.builder(service.url())
                .retries(40, Duration.ofMillis(50), Duration.ofMillis(200))
                .build()) {
      CompletableFuture<Optional<FeatureVector>> vector =
          CompletableFuture.supplyAsync(() -> client.vector("c3"));
      Thread.sleep(300);
      assertThat(vector).as("nothing is published yet").isNotDone();

      service.publish("v1", AS_OF, 10, 0);

      assertThat(vector.get(20, TimeUnit.SECONDS)).map(FeatureVector::version).hasValue("v1");
      assertThat(service.answered("/features/batch", 503)).isGreaterThanOrEqualTo(2);
      assertThat(service.answered("/features/batch", 200)).isEqualTo(1);
    }
  }

  @Test
  void gives_up_on_503_after_its_attempts_and_says_why() throws Exception {
    try (LiveService service = LiveService.over(home, null).start(0);
        FeatureClient client =
            FeatureClient.builder(service.url())
                .retries(3, Duration.ofMillis(10), Duration.ofMillis(20))
                .build()) {
      assertThatThrownBy(() -> client.batch(List.of("c1", "c2")))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("/features/batch answered 503 to 3 attempts")
          .hasMessageContaining("nothing is published in " + home.toAbsolutePath());
      assertThat(service.answered("/features/batch", 503)).isEqualTo(3);
    }
  }

  @Test
  void retries_connection_errors_until_the_service_listens() throws Exception {
    int port;
    try (ServerSocket reserved = new ServerSocket(0)) {
      port = reserved.getLocalPort();
    }
    try (FeatureClient client =
        FeatureClient.builder("http://127.0.0.1:" + port)
            .retries(60, Duration.ofMillis(50), Duration.ofMillis(100))
            .build()) {
      CompletableFuture<Optional<FeatureVector>> vector =
          CompletableFuture.supplyAsync(() -> client.vector("c3"));
      Thread.sleep(300);
      assertThat(vector).as("nothing listens yet").isNotDone();

      LiveService service = LiveService.over(home, null);
      service.publish("v1", AS_OF, 10, 0);
      try (LiveService started = service.start(port)) {
        assertThat(vector.get(20, TimeUnit.SECONDS)).map(FeatureVector::version).hasValue("v1");
      }
    }
  }

  @Test
  void gives_up_when_nothing_listens_and_says_where_it_looked() throws Exception {
    int port;
    try (ServerSocket reserved = new ServerSocket(0)) {
      port = reserved.getLocalPort();
    }
    try (FeatureClient client =
        FeatureClient.builder("http://127.0.0.1:" + port)
            .retries(3, Duration.ofMillis(10), Duration.ofMillis(10))
            .build()) {
      assertThatThrownBy(() -> client.vector("c1"))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("could not reach the service in 3 attempts")
          .hasMessageContaining("ConnectException")
          .hasMessageContaining("is it running at http://127.0.0.1:" + port + "?");
    }
  }

  @Test
  void a_call_that_times_out_is_not_retried() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                    accepted.incrementAndGet();
                  }
                } catch (Exception closed) {
                  // The test is over.
                }
              });
      acceptor.start();
      try (FeatureClient client =
          FeatureClient.builder("http://127.0.0.1:" + silent.getLocalPort())
              .requestTimeout(Duration.ofMillis(300))
              .retries(5, Duration.ofMillis(10), Duration.ofMillis(10))
              .build()) {
        assertThatThrownBy(() -> client.vector("c1"))
            .isInstanceOf(ServiceUnavailableException.class)
            .hasMessageContaining(
                "got no answer within the request timeout of 300 ms (not retried");
      }
      Thread.sleep(100);
      assertThat(accepted.get()).isEqualTo(1);
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void health_is_asked_once_and_says_why_it_is_not_ready() throws Exception {
    try (LiveService service = LiveService.over(home, null).start(0);
        FeatureClient client = FeatureClient.builder(service.url()).build()) {
      Health health = client.health();

      assertThat(health.ready()).isFalse();
      assertThat(health.version()).isNull();
      assertThat(health.reason()).contains("nothing is published");
      assertThat(service.answered("/health", 503)).isEqualTo(1);
    }
  }
}
