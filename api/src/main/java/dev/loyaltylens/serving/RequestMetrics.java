package dev.loyaltylens.serving;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts per route and status and a latency histogram per route, kept in striped counters so that
 * concurrent requests do not contend, and written in the Prometheus text format.
 */
final class RequestMetrics {

  /** Upper bounds of the latency buckets, in seconds: fine below a millisecond, where lookups are. */
  static final double[] BUCKETS = {
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5
  };

  private static final long[] BUCKET_NANOS = new long[BUCKETS.length];

  static {
    for (int i = 0; i < BUCKETS.length; i++) {
      BUCKET_NANOS[i] = Math.round(BUCKETS[i] * 1e9);
    }
  }

  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  private static final class Route {
    /** Indexed by status code; an array rather than a map so that counting does not box the code. */
    final AtomicReferenceArray<LongAdder> statuses = new AtomicReferenceArray<>(600);
    /** Not cumulative: bucket i counts durations in (bound i-1, bound i]; the last one is above every bound. */
    final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1];
    final LongAdder nanos = new LongAdder();

    Route() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }
  }

  void observe(String label, int status, long nanos) {
    Route route = routes.computeIfAbsent(label, ignored -> new Route());
    int code = status >= 100 && status < 600 ? status : 500;
    LongAdder count = route.statuses.get(code);
    if (count == null) {
      route.statuses.compareAndSet(code, null, new LongAdder());
      count = route.statuses.get(code);
    }
    count.increment();
    int bucket = 0;
    while (bucket < BUCKET_NANOS.length && nanos > BUCKET_NANOS[bucket]) {
      bucket++;
    }
    route.buckets[bucket].increment();
    route.nanos.add(nanos);
  }

  void render(StringBuilder out) {
    Map<String, Route> sorted = new TreeMap<>(routes);
    out.append("# HELP loyaltylens_http_requests_total HTTP requests answered, by route and status.\n");
    out.append("# TYPE loyaltylens_http_requests_total counter\n");
    sorted.forEach((label, route) -> {
      for (int status = 100; status < 600; status++) {
        LongAdder count = route.statuses.get(status);
        if (count != null) {
          out.append("loyaltylens_http_requests_total{route=\"").append(escape(label))
              .append("\",status=\"").append(status).append("\"} ").append(count.sum()).append('\n');
        }
      }
    });
    out.append("# HELP loyaltylens_http_request_duration_seconds Time spent answering a request, by route.\n");
    out.append("# TYPE loyaltylens_http_request_duration_seconds histogram\n");
    sorted.forEach((label, route) -> {
      String name = "loyaltylens_http_request_duration_seconds";
      String labels = "route=\"" + escape(label) + "\"";
      long cumulative = 0;
      for (int i = 0; i < route.buckets.length; i++) {
        cumulative += route.buckets[i].sum();
        String bound = i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf";
        out.append(name).append("_bucket{").append(labels).append(",le=\"").append(bound).append("\"} ")
            .append(cumulative).append('\n');
      }
      out.append(name).append("_sum{").append(labels).append("} ")
          .append(String.format(Locale.ROOT, "%.9f", route.nanos.sum() / 1e9)).append('\n');
      out.append(name).append("_count{").append(labels).append("} ").append(cumulative).append('\n');
    });
  }

  /** A label value as the text format wants it: backslash, quote and line break escaped. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
