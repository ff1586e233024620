package dev.loyaltylens.scoring;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.loyaltylens.client.BatchResult;
import dev.loyaltylens.client.FeatureClient;
import dev.loyaltylens.client.FeatureClientException;
import dev.loyaltylens.client.FeatureValues;
import dev.loyaltylens.client.FeatureVector;
import dev.loyaltylens.client.VersionSelector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads customer ids, one per line, fetches their vectors through {@link FeatureClient} and writes
 * them as CSV ({@code customer_id, version}, then one column per feature), with a progress line per
 * 10,000 ids. Every vector comes from one version: the first part fixes it, the rest ask for it by
 * id.
 *
 * <pre>
 * java -cp 'client/target/loyaltylens-client.jar:client/target/lib/*' dev.loyaltylens.scoring.ScoringJob ids.txt vectors.csv
 * </pre>
 *
 * The service is {@code $LOYALTYLENS_URL} (default {@code http://127.0.0.1:8080}), with the key
 * {@code $LOYALTYLENS_API_KEY} when set; {@code $LOYALTYLENS_VERSION} pins a version instead of the
 * latest.
 */
public final class ScoringJob {

  static final int SLICE = 10_000;
  static final String USAGE =
      "usage: ScoringJob IDS_FILE OUT.csv (environment: LOYALTYLENS_URL, LOYALTYLENS_API_KEY, LOYALTYLENS_VERSION)";

  private ScoringJob() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.err));
  }

  /**
   * Runs the job; returns 0 when done, 1 when the input or the service failed it, 2 for a wrong
   * command line.
   */
  static int run(String[] args, Map<String, String> environment, PrintStream err) {
    if (args.length != 2) {
      err.println(USAGE);
      return 2;
    }
    Path idsFile = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String url = environment.getOrDefault("LOYALTYLENS_URL", "http://127.0.0.1:8080");
    String version = environment.get("LOYALTYLENS_VERSION");
    FeatureClient.Builder builder;
    try {
      builder = FeatureClient.builder(url).apiKey(environment.get("LOYALTYLENS_API_KEY"));
    } catch (IllegalArgumentException e) {
      err.println("error: LOYALTYLENS_URL: " + e.getMessage());
      return 2;
    }
    List<String> ids;
    try {
      ids =
          Files.readAllLines(idsFile).stream()
              .map(String::strip)
              .filter(line -> !line.isEmpty())
              .toList();
    } catch (IOException e) {
      err.println("error: cannot read customer ids from " + idsFile + ": " + e);
      return 1;
    }
    try (FeatureClient client = builder.build()) {
      score(
          client,
          ids,
          version == null || version.isEmpty()
              ? VersionSelector.latest()
              : VersionSelector.version(version),
          out,
          err);
      return 0;
    } catch (FeatureClientException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("error: cannot write " + out + ": " + e);
      return 1;
    }
  }

  private static void score(
      FeatureClient client, List<String> ids, VersionSelector at, Path out, PrintStream err)
      throws IOException {
    long start = System.nanoTime();
    CsvMapper csv = new CsvMapper();
    SequenceWriter writer = null;
    List<String> features = null;
    VersionSelector selector = at;
    String version = null;
    String asOf = null;
    long found = 0;
    long missing = 0;
    try {
      for (int from = 0; from < ids.size() || from == 0; from += SLICE) {
        BatchResult result =
            client.batch(ids.subList(from, Math.min(ids.size(), from + SLICE)), selector);
        if (version == null) {
          version = result.version();
          asOf = result.asOf().toString();
          selector = VersionSelector.version(version);
        }
        for (FeatureVector vector : result.found()) {
          FeatureValues values = vector.features();
          if (writer == null) {
            features = values.names();
            writer = csv.writer(schema(features)).writeValues(out.toFile());
          }
          List<Object> row = new ArrayList<>(features.size() + 2);
          row.add(vector.customerId());
          row.add(vector.version());
          if (values.names().equals(features)) {
            for (int i = 0; i < features.size(); i++) {
              row.add(values.valueAt(i));
            }
          } else {
            Map<String, Object> byName = values.asMap();
            features.forEach(feature -> row.add(byName.get(feature)));
          }
          writer.write(row);
        }
        found += result.found().size();
        missing += result.notFound().size();
        int done = Math.min(ids.size(), from + SLICE);
        err.printf(
            Locale.ROOT,
            "score: %,d of %,d ids (%d%%), %,d found, %.1f s%n",
            done,
            ids.size(),
            ids.isEmpty() ? 100 : 100L * done / ids.size(),
            found,
            seconds(start));
      }
      if (writer == null) {
        writer = csv.writer(schema(List.of())).writeValues(out.toFile());
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    err.printf(
        Locale.ROOT,
        "score: %,d vectors of version %s (as of %s) written to %s; %,d of the ids are not in it; %.1f s%n",
        found,
        version,
        asOf,
        out,
        missing,
        seconds(start));
  }

  private static CsvSchema schema(List<String> features) {
    CsvSchema.Builder schema = CsvSchema.builder().addColumn("customer_id").addColumn("version");
    features.forEach(schema::addColumn);
    return schema.setUseHeader(true).build();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
