package dev.loyaltylens.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Requests over many kept-alive connections at once, one thread and one {@link RawHttpClient} each.
 */
final class ConcurrentHttp {

  /** What one connection sends, until it is done. */
  @FunctionalInterface
  interface Connection {

    /** Sends connection {@code index}'s requests on {@code socket}; returns how many it sent. */
    long send(RawHttpClient socket, int index) throws IOException;
  }

  /** What a run did: the requests answered and the time from the first to the last answer. */
  record Run(long requests, long nanos) {

    double perSecond() {
      return requests * 1e9 / nanos;
    }
  }

  private ConcurrentHttp() {}

  /**
   * Opens {@code connections} sockets to the port, then runs every connection's requests at once.
   */
  static Run run(int port, int connections, Connection connection) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    List<RawHttpClient> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        sockets.add(new RawHttpClient(port));
      }
      long start = System.nanoTime();
      List<Future<Long>> running = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        RawHttpClient socket = sockets.get(c);
        int index = c;
        running.add(
            pool.submit(
                () -> {
                  try {
                    return connection.send(socket, index);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }));
      }
      long requests = 0;
      for (Future<Long> future : running) {
        requests += future.get();
      }
      return new Run(requests, System.nanoTime() - start);
    } finally {
      for (RawHttpClient socket : sockets) {
        socket.close();
      }
      pool.shutdownNow();
    }
  }
}
