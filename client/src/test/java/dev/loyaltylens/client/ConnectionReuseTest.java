package dev.loyaltylens.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls share kept-alive connections, counted by a TCP relay in front of the real service. */
class ConnectionReuseTest {

  @TempDir static Path home;
  static LiveService service;

  @BeforeAll
  static void serve() throws Exception {
    service = LiveService.over(home, null);
    service.publish("v1", Instant.parse("2026-11-24T00:00:00Z"), 1_000, 0);
    service.start(0).awaitServing("v1");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void calls_one_after_another_share_one_connection() throws Exception {
    try (Relay relay = new Relay(service.port());
        FeatureClient client = FeatureClient.builder("http://127.0.0.1:" + relay.port()).build()) {
      for (int i = 0; i < 50; i++) {
        assertThat(client.vector("c" + i)).isPresent();
      }

      assertThat(relay.connections()).isEqualTo(1);
    }
  }

  @Test
  void a_batch_keeps_at_most_its_connections() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      ids.add("c" + i);
    }
    try (Relay relay = new Relay(service.port());
        FeatureClient client =
            FeatureClient.builder("http://127.0.0.1:" + relay.port())
                .batchSize(10)
                .connections(4)
                .build()) {
      assertThat(client.batch(ids).found()).hasSize(1_000);
      assertThat(client.batch(ids).found()).hasSize(1_000);

      assertThat(relay.connections()).isBetween(1, 4);
    }
  }

  /** Accepts connections on a free loopback port, counts them, and relays each to the service. */
  static final class Relay implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    Relay(int target) throws IOException {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket client = server.accept();
                    accepted.incrementAndGet();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(upstream);
                    pipe(client.getInputStream(), upstream.getOutputStream());
                    pipe(upstream.getInputStream(), client.getOutputStream());
                  }
                } catch (IOException closed) {
                  // The relay is closed.
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int connections() {
      return accepted.get();
    }

    private static void pipe(InputStream in, OutputStream out) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  in.transferTo(out);
                } catch (IOException closed) {
                  // One side closed the connection.
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
