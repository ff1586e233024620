package dev.loyaltylens.client;

import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionStatistics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real serving API on a free loopback port over a store home whose versions are published the
 * way {@code publish} leaves them: a snapshot file per version, then the manifest replaced
 * atomically.
 *
 * <p>Customers are {@code c0 .. c<rows-1>}; each feature is a function of the row number {@code i},
 * so a test can work out any vector: recency_days {@code i % 90 + shift}, frequency_30d {@code i %
 * 20}, monetary_90d {@code i * 0.5} (null when {@code i % 50 == 7}), channel_preference mobile,
 * web, in-store by {@code i % 3}.
 */
final class LiveService implements AutoCloseable {

  static final List<FeatureColumn> COLUMNS =
      List.of(
          new FeatureColumn("recency_days", "INTEGER"),
          new FeatureColumn("frequency_30d", "INTEGER"),
          new FeatureColumn("monetary_90d", "DOUBLE"),
          new FeatureColumn("channel_preference", "VARCHAR"),
          new FeatureColumn("engagement_score", "DOUBLE"));

  private final StoreHome home;
  private final List<PublishedVersion> published = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String apiKey;
  private FeatureServer server;

  private LiveService(Path home, String apiKey) {
    this.home = new StoreHome(home);
    this.apiKey = apiKey;
  }

  /** A home with nothing published yet; {@link #start} serves it. */
  static LiveService over(Path home, String apiKey) {
    return new LiveService(home, apiKey);
  }

  /** Starts serving on {@code port} (0 for any free one) without waiting for a version to load. */
  LiveService start(int port) {
    server =
        FeatureServer.start(
            new ServeSettings(
                home,
                "127.0.0.1",
                port,
                ServeSettings.DEFAULT_THREADS,
                Duration.ofMillis(100),
                apiKey));
    return this;
  }

  /** Waits until the latest published version is the one served. */
  LiveService awaitServing(String version) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!version.equals(server.servingVersion())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the service did not load " + version + " within 20 s");
      }
      Thread.sleep(20);
    }
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  int port() {
    return server.port();
  }

  /** Publishes {@code rows} customers as the latest version. */
  void publish(String version, Instant asOf, long rows, int shift) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      PublishedSnapshots.write(
          connection,
          home,
          version,
          String.format(
              Locale.ROOT,
              """
          select 'c' || i as customer_id,
                 (i %% 90 + %d)::integer as recency_days,
                 (i %% 20)::integer as frequency_30d,
                 case when i %% 50 = 7 then null else i * 0.5 end::double as monetary_90d,
                 ['mobile', 'web', 'in-store'][i %% 3 + 1] as channel_preference,
                 ((i %% 1000) / 1000.0)::double as engagement_score
          from range(%d) t(i)
          """,
              shift,
              rows));
    }
    published.add(
        new PublishedVersion(
            version, asOf, Instant.now(), rows, COLUMNS, VersionStatistics.empty()));
    new PublishedManifest(version, published).write(home);
  }

  /** Requests the service has answered on a route with a status, from its own {@code /metrics}. */
  long answered(String route, int status) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/metrics"));
    if (apiKey != null) {
      request.header("X-API-Key", apiKey);
    }
    String metrics = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher count =
        Pattern.compile(
                "loyaltylens_http_requests_total\\{route=\""
                    + Pattern.quote(route)
                    + "\",status=\""
                    + status
                    + "\"} (\\d+)")
            .matcher(metrics);
    return count.find() ? Long.parseLong(count.group(1)) : 0;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
