package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their bodies a byte at a time, stop halfway, or never read their answers cost
 * the server a connection, not a thread: other clients keep being answered within 100 ms on every
 * route, with the API key, while the attackers are refused with 408 or dropped. Part of the fault
 * suite, and of every build.
 */
@Tag("faults")
class SlowClientsTest {

  static final String KEY = "slow-clients-key";

  /** Twice the server's default threads. */
  static final int ATTACKERS = 2 * ServeSettings.DEFAULT_THREADS;

  /**
   * The route whose handler reads a body, with the key: enough of them to take every thread of a
   * blocking server.
   */
  static final String BATCH_WITH_KEY =
      "POST /features/batch HTTP/1.1\r\nX-API-Key: " + KEY + "\r\n";

  static final Duration ATTACK = Duration.ofSeconds(6);

  /** The other routes the attackers trickle bodies to, with and without the key. */
  static final List<String> TRICKLED =
      List.of(
          "POST /features/batch HTTP/1.1\r\n",
          "GET /health HTTP/1.1\r\n",
          "GET /features/c1 HTTP/1.1\r\nX-API-Key: " + KEY + "\r\n",
          "GET /metrics HTTP/1.1\r\n",
          "POST /no/such/route HTTP/1.1\r\n");

  static final long MAX_MILLIS = 100;
  static final long NEVER_MILLIS = 1_000;

  @TempDir static Path home;
  static FeatureServer server;

  @BeforeAll
  static void serve() throws Exception {
    new PublishedFixture(home)
        .publish("v1", Instant.parse("2026-11-24T00:00:00Z"), PublishedFixture.features(2_000, 0));
    server = FeatureServer.start(ServeSettings.local(home).withApiKey(KEY));
    assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void bodies_trickled_a_byte_at_a_time_on_every_route_do_not_delay_other_clients()
      throws Exception {
    Client client = new Client(server.port());
    client.warmUp();
    AtomicBoolean attacking = new AtomicBoolean(true);
    List<Trickler> tricklers = new ArrayList<>();
    for (int i = 0; i < ATTACKERS + TRICKLED.size() * 2; i++) {
      String head = i < ATTACKERS ? BATCH_WITH_KEY : TRICKLED.get(i % TRICKLED.size());
      Trickler trickler = new Trickler(server.port(), head, attacking);
      tricklers.add(trickler);
      trickler.start();
    }
    // Every attacker has its connection open and its first bytes sent before the clock starts.
    Thread.sleep(300);

    Client.Run run = client.runFor(ATTACK);
    attacking.set(false);
    for (Trickler trickler : tricklers) {
      trickler.join(5_000);
    }

    assertAnsweredInTime(run);
    int refused = tricklers.stream().mapToInt(t -> t.refused408.get()).sum();
    assertThat(refused)
        .as("trickled bodies refused with 408 during the attack")
        .isGreaterThanOrEqualTo(ATTACKERS);
    assertThat(tricklers).allSatisfy(t -> assertThat(t.otherAnswers).as(t.head).isEmpty());
    assertThat(metrics()).doesNotContain("status=\"500\"");
  }

  @Test
  void clients_that_never_read_their_answers_do_not_delay_other_clients_and_are_let_go()
      throws Exception {
    Client client = new Client(server.port());
    client.warmUp();
    // The stored OpenAPI document is 22 KB and cheap to answer: 400 of them pipelined (8.8 MB) are
    // more than the
    // loopback's socket buffers hold (4 MB here), so every attacker ends with an answer the server
    // cannot send.
    byte[] pipelined =
        ("GET /openapi.json HTTP/1.1\r\nHost: t\r\nX-API-Key: " + KEY + "\r\n\r\n")
            .repeat(400)
            .getBytes(StandardCharsets.US_ASCII);
    long start = System.nanoTime();
    List<Socket> readers = new ArrayList<>();
    try {
      for (int i = 0; i < ATTACKERS; i++) {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        readers.add(socket);
        Thread writer =
            new Thread(
                () -> {
                  try {
                    socket.getOutputStream().write(pipelined);
                  } catch (IOException e) {
                    // The server closed it: that is what becomes of a connection whose answers are
                    // not taken.
                  }
                });
        writer.setDaemon(true);
        writer.start();
      }
      awaitNoMoreAnswers("/openapi.json");

      Client.Run run = client.runFor(ATTACK);

      assertAnsweredInTime(run);
      long deadline = start + Duration.ofSeconds(12).toNanos();
      Thread.sleep(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
      for (Socket socket : readers) {
        socket.setSoTimeout(2_000);
        assertThat(RawHttp.read(socket.getInputStream(), new ByteArrayOutputStream()))
            .as("the server dropped a connection whose answer was not taken within 10 s")
            .isTrue();
      }
    } finally {
      for (Socket socket : readers) {
        socket.close();
      }
    }
  }

  /**
   * Waits, at most 5 s, until the count of answers on {@code route} stops growing: the attackers
   * are all stuck.
   */
  private static void awaitNoMoreAnswers(String route) throws InterruptedException {
    Pattern count =
        Pattern.compile(
            "loyaltylens_http_requests_total\\{route=\""
                + Pattern.quote(route)
                + "\",status=\"200\"} (\\d+)");
    long last = -1;
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < end) {
      Matcher matcher = count.matcher(metrics());
      long now = matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
      if (now == last) {
        return;
      }
      last = now;
      Thread.sleep(300);
    }
  }

  @Test
  void a_body_slower_than_the_minimum_rate_is_refused_with_408() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout(300);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /features/batch HTTP/1.1\r\nHost: t\r\nX-API-Key: "
                  + KEY
                  + "\r\nContent-Length: 1000\r\n\r\n[")
              .getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      boolean closed = false;
      while (!closed && System.nanoTime() - start < Duration.ofSeconds(8).toNanos()) {
        try {
          out.write('"');
        } catch (IOException e) {
          closed = true;
        }
        closed |= readSome(socket.getInputStream(), received);
      }
      long took = (System.nanoTime() - start) / 1_000_000;

      RawHttp.Answer answer = RawHttp.parse(received.toByteArray(), false).get(0);
      assertThat(answer.status()).isEqualTo(408);
      assertThat(answer.json().path("error").asText()).contains("slower than 8,192 bytes/s");
      assertThat(answer.header("Connection")).isEqualTo("close");
      assertThat(took).as("ms until refused").isLessThan(3_000);
    }
    assertThat(metrics())
        .contains("loyaltylens_http_requests_total{route=\"refused\",status=\"408\"}");
  }

  @Test
  void a_body_that_stops_halfway_is_refused_with_408_after_5_s_of_silence() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST /features/batch HTTP/1.1\r\nHost: t\r\nX-API-Key: "
                      + KEY
                      + "\r\nContent-Length: 100\r\n\r\n[\"c1\",")
                  .getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      ByteArrayOutputStream received = new ByteArrayOutputStream();

      assertThat(RawHttp.read(socket.getInputStream(), received))
          .as("closed by the server")
          .isTrue();
      long took = (System.nanoTime() - start) / 1_000_000;

      RawHttp.Answer answer = RawHttp.parse(received.toByteArray(), false).get(0);
      assertThat(answer.status()).isEqualTo(408);
      assertThat(answer.json().path("error").asText())
          .contains("no byte of the request body arrived for 5 s");
      assertThat(took).as("ms until refused").isBetween(4_500L, 8_000L);
    }
  }

  @Test
  void a_client_that_leaves_mid_body_or_mid_answer_is_not_a_server_error() throws Exception {
    for (int i = 0; i < 10; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket
            .getOutputStream()
            .write(
                ("POST /features/batch HTTP/1.1\r\nHost: t\r\nX-API-Key: "
                        + KEY
                        + "\r\nContent-Length: 1000\r\n\r\n[\"c1\",")
                    .getBytes(StandardCharsets.US_ASCII));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setReceiveBufferSize(1024);
        socket
            .getOutputStream()
            .write(
                ("GET /metrics HTTP/1.1\r\nHost: t\r\nX-API-Key: " + KEY + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        socket.getInputStream().read();
        socket.setSoLinger(true, 0);
      }
    }
    Thread.sleep(200);

    assertThat(metrics()).doesNotContain("status=\"500\"").doesNotContain("status=\"400\"");
  }

  /**
   * Every answer within {@link #MAX_MILLIS}, but for one in a hundred that the scheduler of a
   * shared 2-core machine may delay by itself, and none slower than {@link #NEVER_MILLIS}: a server
   * whose threads are held answers in seconds or times out.
   */
  private static void assertAnsweredInTime(Client.Run run) {
    assertThat(run.failures()).isEmpty();
    assertThat(run.answered()).as("answers in %s", ATTACK).isGreaterThan(100);
    assertThat(run.over(MAX_MILLIS))
        .as("answers slower than %d ms; the slowest: %s", MAX_MILLIS, run.slowest())
        .isLessThanOrEqualTo(run.answered() / 100);
    assertThat(run.over(NEVER_MILLIS))
        .as("answers slower than %d ms; the slowest: %s", NEVER_MILLIS, run.slowest())
        .isZero();
  }

  private static String metrics() {
    return new ApiClient(server.port()).get("/metrics", "X-API-Key", KEY).body();
  }

  /**
   * Reads what has arrived within the socket's timeout; true once the server has closed the
   * connection.
   */
  private static boolean readSome(InputStream in, ByteArrayOutputStream received)
      throws IOException {
    byte[] buffer = new byte[8192];
    try {
      int n = in.read(buffer);
      if (n < 0) {
        return true;
      }
      received.write(buffer, 0, n);
      return false;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Opens a connection, declares a 100,000-byte body and sends it a byte every 200 ms; again once
   * refused.
   */
  private static final class Trickler extends Thread {

    final String head;
    final AtomicBoolean attacking;
    final int port;
    final AtomicInteger refused408 = new AtomicInteger();
    final List<String> otherAnswers = Collections.synchronizedList(new ArrayList<>());

    Trickler(int port, String head, AtomicBoolean attacking) {
      this.port = port;
      this.head = head;
      this.attacking = attacking;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (attacking.get()) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
          socket.setSoTimeout(200);
          OutputStream out = socket.getOutputStream();
          out.write(
              (head + "Host: t\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          ByteArrayOutputStream received = new ByteArrayOutputStream();
          boolean closed = false;
          while (attacking.get() && !closed) {
            try {
              out.write('[');
            } catch (IOException e) {
              closed = true;
            }
            closed |= readSome(socket.getInputStream(), received);
          }
          for (RawHttp.Answer answer : RawHttp.parse(received.toByteArray(), false)) {
            if (answer.status() == 408) {
              refused408.incrementAndGet();
            } else {
              otherAnswers.add(answer.status() + " " + answer.body());
            }
          }
        } catch (IOException e) {
          otherAnswers.add(e.toString());
        }
      }
    }
  }

  /** A well-behaved client: kept-alive connections, one request at a time, every answer timed. */
  private static final class Client {

    record Run(int answered, List<String> failures, List<Long> millis) {

      /** The ten slowest answers, in ms, slowest first. */
      List<Long> slowest() {
        return millis.stream().sorted(Collections.reverseOrder()).limit(10).toList();
      }

      long over(long limit) {
        return millis.stream().filter(ms -> ms > limit).count();
      }
    }

    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<HttpRequest> requests;

    Client(int port) {
      URI base = URI.create("http://127.0.0.1:" + port);
      requests =
          List.of(
              HttpRequest.newBuilder(base.resolve("/health"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpRequest.newBuilder(base.resolve("/features/c7"))
                  .header("X-API-Key", KEY)
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpRequest.newBuilder(base.resolve("/features/batch"))
                  .header("X-API-Key", KEY)
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(5))
                  .POST(HttpRequest.BodyPublishers.ofString("[\"c1\", \"c2\", \"nobody\"]"))
                  .build(),
              HttpRequest.newBuilder(base.resolve("/versions"))
                  .header("X-API-Key", KEY)
                  .timeout(Duration.ofSeconds(5))
                  .build());
    }

    void warmUp() throws Exception {
      for (int i = 0; i < 400; i++) {
        http.send(requests.get(i % requests.size()), HttpResponse.BodyHandlers.ofString());
      }
    }

    /** Asks in a loop for {@code duration}, at most 5,000 requests. */
    Run runFor(Duration duration) throws InterruptedException {
      List<String> failures = new ArrayList<>();
      List<Long> millis = new ArrayList<>();
      long end = System.nanoTime() + duration.toNanos();
      for (int i = 0; i < 5_000 && System.nanoTime() < end; i++) {
        HttpRequest request = requests.get(i % requests.size());
        long start = System.nanoTime();
        try {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          millis.add((System.nanoTime() - start) / 1_000_000);
          if (response.statusCode() != 200) {
            failures.add(request.uri() + ": " + response.statusCode() + " " + response.body());
          }
        } catch (IOException e) {
          failures.add(request.uri() + ": " + e);
        }
        Thread.sleep(2);
      }
      return new Run(millis.size(), failures, millis);
    }
  }
}
