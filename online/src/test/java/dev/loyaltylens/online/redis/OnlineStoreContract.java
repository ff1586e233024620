package dev.loyaltylens.online.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.online.FeatureVector;
import dev.loyaltylens.online.OnlinePointer;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.OnlineStoreUnreachableException;
import dev.loyaltylens.online.OnlineVersion;
import dev.loyaltylens.online.SnapshotVectors;
import dev.loyaltylens.online.VectorRow;
import dev.loyaltylens.online.VectorSource;
import dev.loyaltylens.online.VersionNotOnlineException;
import dev.loyaltylens.online.testing.RedisServer;
import dev.loyaltylens.online.testing.TestSnapshots;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.VersionStatistics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What the Redis online store promises, against real servers that a subclass starts once for its
 * tests: a single server, or a three-master cluster.
 */
@Tag("redis")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnlineStoreContract {

  static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  /** The store's address for these servers. */
  abstract String address();

  /** Every master, to look at keys behind the store's back. */
  abstract List<RedisServer> nodes();

  @BeforeEach
  void startEmpty() {
    for (RedisServer node : nodes()) {
      try (Jedis jedis = node.jedis()) {
        jedis.flushAll();
      }
    }
  }

  RedisOnlineStore open() {
    return RedisOnlineStore.open(address(), RedisSettings.defaults());
  }

  /**
   * A store whose loads send a window every so many rows, so small versions take several windows.
   */
  RedisOnlineStore open(int windowRows) {
    return RedisOnlineStore.open(address(), RedisSettings.defaults().withWindowRows(windowRows));
  }

  /** A manifest whose latest version is {@code latest}, as publishing writes one. */
  static PublishedManifest published(String latest) {
    return new PublishedManifest(
        latest,
        List.of(
            new PublishedVersion(
                latest,
                AS_OF,
                Instant.parse("2026-11-24T01:00:00Z"),
                0,
                List.of(),
                VersionStatistics.empty())));
  }

  static OnlineVersion load(
      RedisOnlineStore store, String version, TestSnapshots.Snapshot snapshot) {
    try (SnapshotVectors source = snapshot.open()) {
      return store.load(version, AS_OF, source);
    }
  }

  static void assertHoldsExactly(
      RedisOnlineStore store, String version, Map<String, List<Object>> expected) {
    List<String> ids = new ArrayList<>(expected.keySet());
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
      Map<String, FeatureVector> found = store.readMany(version, part);
      assertThat(found).hasSize(part.size());
      for (String id : part) {
        assertThat(found.get(id).values())
            .as("vector of %s in %s", id, version)
            .isEqualTo(expected.get(id));
      }
    }
  }

  @Test
  void loads_a_version_and_reads_back_every_vector_exactly(@TempDir Path dir) {
    TestSnapshots.Snapshot snapshot = TestSnapshots.everyType(dir, "v1", 3_000, 1);
    Map<String, List<Object>> expected = snapshot.expected();
    try (RedisOnlineStore store = open(700)) {
      OnlineVersion loaded = load(store, "v1", snapshot);

      assertThat(loaded.isComplete()).isTrue();
      assertThat(loaded.rowCount()).isEqualTo(3_000);
      assertThat(loaded.asOf()).isEqualTo(AS_OF);
      assertThat(loaded.columns())
          .extracting(FeatureColumn::name)
          .containsExactly("flag", "tiny", "int_value", "big_value", "amount", "ratio", "label");
      assertHoldsExactly(store, "v1", expected);
      for (String id : new ArrayList<>(expected.keySet()).subList(0, 300)) {
        assertThat(store.read("v1", id)).map(FeatureVector::values).contains(expected.get(id));
      }
    }
  }

  @Test
  void an_unknown_customer_is_absent_from_a_read_and_from_a_batch(@TempDir Path dir) {
    TestSnapshots.Snapshot snapshot = TestSnapshots.sixFeatures(dir, "v1", 500, 1);
    String known = snapshot.ids().get(0);
    try (RedisOnlineStore store = open()) {
      load(store, "v1", snapshot);

      assertThat(store.read("v1", "no-such-customer")).isEmpty();
      assertThat(store.readMany("v1", List.of(known, "no-such-customer", known)).keySet())
          .containsExactly(known);
    }
  }

  @Test
  void a_loaded_version_becomes_current_only_when_made_current(@TempDir Path dir) {
    try (RedisOnlineStore store = open()) {
      load(store, "v1", TestSnapshots.sixFeatures(dir, "v1", 500, 1));
      assertThat(store.current()).isEmpty();

      store.makeCurrent(published("v1"));
      load(store, "v2", TestSnapshots.sixFeatures(dir, "v2", 500, 2));
      assertThat(store.current()).map(OnlineVersion::version).contains("v1");

      store.makeCurrent(published("v2"));
      assertThat(store.current()).map(OnlineVersion::version).contains("v2");
    }
  }

  @Test
  void the_manifest_is_kept_with_the_pointer_and_read_back_with_it(@TempDir Path dir) {
    try (RedisOnlineStore store = open()) {
      assertThat(store.pointer()).isEmpty();
      assertThat(store.publication()).isEmpty();
      load(store, "v1", TestSnapshots.sixFeatures(dir, "v1", 300, 1));
      load(store, "v2", TestSnapshots.sixFeatures(dir, "v2", 300, 2));
      PublishedManifest first = published("v1");
      PublishedManifest second =
          new PublishedManifest(
              "v2",
              List.of(
                  first.versions().get(0),
                  new PublishedVersion(
                      "v2",
                      AS_OF.plusSeconds(86_400),
                      Instant.parse("2026-11-25T01:00:00Z"),
                      300,
                      List.of(new FeatureColumn("recency_days", "INTEGER")),
                      VersionStatistics.empty())));

      store.makeCurrent(first);
      assertThat(store.follows(first)).isTrue();
      assertThat(store.follows(second)).isFalse();
      store.makeCurrent(second);

      assertThat(store.pointer()).contains(new OnlinePointer("v2", OnlinePointer.digestOf(second)));
      assertThat(store.publication())
          .hasValueSatisfying(
              publication -> {
                assertThat(publication.pointer().version()).isEqualTo("v2");
                assertThat(publication.manifest()).isEqualTo(second);
              });
      assertThat(store.follows(second)).isTrue();
      assertThat(store.follows(first)).isFalse();
    }
  }

  @Test
  void refuses_to_make_current_a_version_it_does_not_hold() {
    try (RedisOnlineStore store = open()) {
      assertThatThrownBy(() -> store.makeCurrent(published("v9")))
          .isInstanceOf(OnlineStoreException.class)
          .hasMessageContaining(
              "refused making v9 current: the version is not loaded, not complete");
      assertThat(store.current()).isEmpty();
    }
  }

  @Test
  void a_failed_load_is_never_read_nor_made_current_and_a_rerun_completes(@TempDir Path dir) {
    TestSnapshots.Snapshot v2 = TestSnapshots.sixFeatures(dir, "v2", 3_000, 2);
    String someone = v2.ids().get(0);
    try (RedisOnlineStore store = open(500)) {
      load(store, "v1", TestSnapshots.sixFeatures(dir, "v1", 3_000, 1));
      store.makeCurrent(published("v1"));

      try (SnapshotVectors source = v2.open()) {
        assertThatThrownBy(() -> store.load("v2", AS_OF, failingAfter(source, 1_700)))
            .hasMessageContaining("the snapshot broke");
      }

      assertThat(store.current()).map(OnlineVersion::version).contains("v1");
      assertThat(store.find("v2")).map(OnlineVersion::state).contains(OnlineVersion.State.LOADING);
      assertThatThrownBy(() -> store.read("v2", someone))
          .isInstanceOf(VersionNotOnlineException.class)
          .hasMessageContaining("version `v2` is not complete")
          .hasMessageContaining("it is loading");
      assertThatThrownBy(() -> store.readMany("v2", List.of(someone)))
          .isInstanceOf(VersionNotOnlineException.class);
      assertThatThrownBy(() -> store.makeCurrent(published("v2")))
          .hasMessageContaining("the version is loading, not complete");

      assertThat(load(store, "v2", v2).isComplete()).isTrue();
      assertHoldsExactly(store, "v2", v2.expected());
      store.makeCurrent(published("v2"));
      assertThat(store.current()).map(OnlineVersion::version).contains("v2");
    }
  }

  @Test
  void a_load_that_loses_its_connections_midway_fails_and_leaves_the_previous_version_current(
      @TempDir Path dir) {
    TestSnapshots.Snapshot v2 = TestSnapshots.sixFeatures(dir, "v2", 4_000, 2);
    try (RedisOnlineStore store = open(500)) {
      load(store, "v1", TestSnapshots.sixFeatures(dir, "v1", 1_000, 1));
      store.makeCurrent(published("v1"));

      try (SnapshotVectors source = v2.open()) {
        assertThatThrownBy(
                () -> store.load("v2", AS_OF, afterRows(source, 2_100, this::killEveryClient)))
            .isInstanceOf(OnlineStoreUnreachableException.class)
            .hasMessageContaining("did not answer while loading the vectors of v2");
      }
    }
    // A rerun is a new process: new connections.
    try (RedisOnlineStore store = open(500)) {
      assertThat(store.current()).map(OnlineVersion::version).contains("v1");
      assertThat(store.find("v2")).map(OnlineVersion::state).contains(OnlineVersion.State.LOADING);

      assertThat(load(store, "v2", v2).isComplete()).isTrue();
      assertHoldsExactly(store, "v2", v2.expected());
    }
  }

  @Test
  void loading_a_complete_version_again_changes_nothing(@TempDir Path dir) {
    TestSnapshots.Snapshot snapshot = TestSnapshots.sixFeatures(dir, "v1", 1_000, 1);
    try (RedisOnlineStore store = open()) {
      OnlineVersion first = load(store, "v1", snapshot);
      OnlineVersion again = load(store, "v1", snapshot);

      assertThat(again).isEqualTo(first);
      assertThat(again.loadedAt()).isNotNull();
    }
  }

  @Test
  void a_batch_reads_one_version_while_the_pointer_flips(@TempDir Path dir) throws Exception {
    TestSnapshots.Snapshot v1 = TestSnapshots.sixFeatures(dir, "v1", 2_000, 1);
    TestSnapshots.Snapshot v2 = TestSnapshots.sixFeatures(dir, "v2", 2_000, 2);
    Map<String, Map<String, List<Object>>> expected =
        Map.of("v1", v1.expected(), "v2", v2.expected());
    List<String> ids = new ArrayList<>(expected.get("v1").keySet());
    try (RedisOnlineStore writer = open();
        RedisOnlineStore readers = open()) {
      load(writer, "v1", v1);
      load(writer, "v2", v2);
      writer.makeCurrent(published("v1"));
      ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
      Map<String, AtomicInteger> batches =
          Map.of("v1", new AtomicInteger(), "v2", new AtomicInteger());
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        Random random = new Random(t);
        Thread reader =
            new Thread(
                () -> {
                  try {
                    while (System.nanoTime() < until) {
                      String version = readers.current().orElseThrow().version();
                      List<String> batch = new ArrayList<>();
                      for (int i = 0; i < 100; i++) {
                        batch.add(ids.get(random.nextInt(ids.size())));
                      }
                      Map<String, FeatureVector> found = readers.readMany(version, batch);
                      batches.get(version).incrementAndGet();
                      for (String id : batch) {
                        if (found.get(id) == null
                            || !found.get(id).values().equals(expected.get(version).get(id))) {
                          mismatches.add(id + " in " + version);
                        }
                      }
                    }
                  } catch (RuntimeException e) {
                    mismatches.add("reader failed: " + e);
                  }
                });
        reader.start();
        threads.add(reader);
      }
      int flips = 0;
      while (System.nanoTime() < until) {
        writer.makeCurrent(published(flips++ % 2 == 0 ? "v2" : "v1"));
        Thread.sleep(2);
      }
      for (Thread thread : threads) {
        thread.join();
      }

      assertThat(mismatches).isEmpty();
      assertThat(flips).isGreaterThan(20);
      assertThat(batches.get("v1").get()).isPositive();
      assertThat(batches.get("v2").get()).isPositive();
    }
  }

  @Test
  void dropping_a_version_leaves_no_key_of_it_and_keeps_the_others(@TempDir Path dir) {
    TestSnapshots.Snapshot v2 = TestSnapshots.sixFeatures(dir, "v2", 3_000, 2);
    try (RedisOnlineStore store = open()) {
      load(store, "v1", TestSnapshots.sixFeatures(dir, "v1", 3_000, 1));
      load(store, "v2", v2);
      store.makeCurrent(published("v2"));
      assertThat(vectorKeys("v1")).isEqualTo(Buckets.countFor(3_000));

      store.drop("v1");

      assertThat(vectorKeys("v1")).isZero();
      assertThat(anyNodeHas(Keys.meta("v1"))).isFalse();
      assertThat(store.find("v1")).isEmpty();
      assertThat(store.versions()).extracting(OnlineVersion::version).containsExactly("v2");
      assertHoldsExactly(store, "v2", v2.expected());
      store.drop("v1");
    }
  }

  @Test
  void a_drop_that_stopped_midway_leaves_a_version_nobody_reads_and_dropping_again_finishes(
      @TempDir Path dir) {
    TestSnapshots.Snapshot v1 = TestSnapshots.sixFeatures(dir, "v1", 2_000, 1);
    String someone = v1.ids().get(0);
    try (RedisOnlineStore store = open()) {
      load(store, "v1", v1);
      // What a drop killed after its first step leaves: the version marked, its vectors still
      // there.
      for (RedisServer node : nodes()) {
        if (matching(node, Keys.meta("v1")) > 0) {
          try (Jedis jedis = node.jedis()) {
            jedis.hset(Keys.meta("v1"), "state", "dropping");
          }
        }
      }

      assertThat(store.find("v1")).map(OnlineVersion::state).contains(OnlineVersion.State.DROPPING);
      assertThatThrownBy(() -> store.read("v1", someone))
          .isInstanceOf(VersionNotOnlineException.class)
          .hasMessageContaining("it is dropping");
      assertThatThrownBy(() -> store.makeCurrent(published("v1")))
          .hasMessageContaining("the version is dropping");

      store.drop("v1");
      assertThat(vectorKeys("v1")).isZero();
      assertThat(store.versions()).isEmpty();
    }
  }

  @Test
  void refuses_to_drop_the_current_version(@TempDir Path dir) {
    try (RedisOnlineStore store = open()) {
      load(store, "v1", TestSnapshots.sixFeatures(dir, "v1", 300, 1));
      store.makeCurrent(published("v1"));

      assertThatThrownBy(() -> store.drop("v1"))
          .hasMessageContaining("refused dropping v1: the version is current");
      assertThat(store.current()).map(OnlineVersion::version).contains("v1");
      assertThat(vectorKeys("v1")).isEqualTo(Buckets.countFor(300));
    }
  }

  @Test
  void a_reader_of_a_version_dropped_under_it_is_told_the_version_is_gone(@TempDir Path dir) {
    TestSnapshots.Snapshot v1 = TestSnapshots.sixFeatures(dir, "v1", 1_000, 1);
    List<String> ids = v1.ids();
    try (RedisOnlineStore writer = open();
        RedisOnlineStore reader = open()) {
      load(writer, "v1", v1);
      assertThat(reader.read("v1", ids.get(0))).isPresent();

      writer.drop("v1");

      assertThatThrownBy(() -> reader.read("v1", ids.get(1)))
          .isInstanceOf(VersionNotOnlineException.class)
          .hasMessageContaining("it was dropped");
      assertThatThrownBy(() -> reader.readMany("v1", ids.subList(0, 50)))
          .isInstanceOf(VersionNotOnlineException.class);
    }
  }

  @Test
  void a_version_reports_the_memory_it_takes(@TempDir Path dir) {
    TestSnapshots.Snapshot snapshot = TestSnapshots.sixFeatures(dir, "v1", 20_000, 1);
    try (RedisOnlineStore store = open()) {
      long before = store.usedMemoryBytes();
      OnlineVersion loaded = load(store, "v1", snapshot);
      long grown = store.usedMemoryBytes() - before;

      // 36-byte ids and 41-byte values in listpacks: under 100 bytes a customer, not the 300 of a
      // hash each.
      assertThat(loaded.memoryPerMillionCustomers()).isBetween(75_000_000L, 110_000_000L);
      assertThat((double) loaded.memoryBytes())
          .isCloseTo(grown, org.assertj.core.data.Percentage.withPercentage(25));
    }
  }

  @Test
  void an_empty_version_loads_and_can_be_made_current(@TempDir Path dir) {
    try (RedisOnlineStore store = open()) {
      OnlineVersion loaded = load(store, "v0", TestSnapshots.sixFeatures(dir, "v0", 0, 1));
      store.makeCurrent(published("v0"));

      assertThat(loaded.rowCount()).isZero();
      assertThat(store.current()).map(OnlineVersion::version).contains("v0");
      assertThat(store.read("v0", "anyone")).isEmpty();
    }
  }

  @Test
  void lists_every_version_with_its_state(@TempDir Path dir) {
    TestSnapshots.Snapshot v2 = TestSnapshots.sixFeatures(dir, "v2", 1_000, 2);
    try (RedisOnlineStore store = open(200)) {
      load(store, "v1", TestSnapshots.sixFeatures(dir, "v1", 1_000, 1));
      try (SnapshotVectors source = v2.open()) {
        assertThatThrownBy(() -> store.load("v2", AS_OF, failingAfter(source, 500))).isNotNull();
      }

      assertThat(store.versions())
          .extracting(OnlineVersion::version, OnlineVersion::state, OnlineVersion::rowCount)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("v1", OnlineVersion.State.COMPLETE, 1_000L),
              org.assertj.core.groups.Tuple.tuple("v2", OnlineVersion.State.LOADING, 1_000L));
    }
  }

  @Test
  void a_load_killed_at_random_points_never_shows_a_partial_version_and_a_rerun_completes(
      @TempDir Path dir) throws Exception {
    TestSnapshots.Snapshot v2 = TestSnapshots.sixFeatures(dir, "v2", 20_000, 2);
    Map<String, List<Object>> expected = v2.expected();
    List<String> ids = v2.ids();
    long seed = System.nanoTime();
    Random random = new Random(seed);
    try (RedisOnlineStore store = open()) {
      load(store, "v1", TestSnapshots.sixFeatures(dir, "v1", 1_000, 1));
      store.makeCurrent(published("v1"));

      for (int kill = 0; kill < 3; kill++) {
        long killAt = random.nextInt(20_000);
        Process child = childLoad(v2);
        try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = out.readLine()) != null) {
            if (line.startsWith("loaded ") && Long.parseLong(line.substring(7)) >= killAt) {
              Thread.sleep(random.nextInt(5));
              break;
            }
          }
          child.destroyForcibly();
          assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        String when = "killed after " + killAt + " rows (seed " + seed + ")";

        assertThat(store.current()).as(when).map(OnlineVersion::version).contains("v1");
        Optional<OnlineVersion> left = store.find("v2");
        if (left.isPresent() && left.get().isComplete()) {
          // Killed after the load completed: all of it is there, and still not current.
          assertHoldsExactly(store, "v2", expected);
        } else if (left.isPresent()) {
          assertThat(left.get().state()).as(when).isEqualTo(OnlineVersion.State.LOADING);
          assertThatThrownBy(() -> store.readMany("v2", ids.subList(0, 10)))
              .as(when)
              .isInstanceOf(VersionNotOnlineException.class);
          assertThatThrownBy(() -> store.makeCurrent(published("v2")))
              .as(when)
              .isInstanceOf(OnlineStoreException.class);
        }
      }

      Process rerun = childLoad(v2);
      String output = new String(rerun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(rerun.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(rerun.exitValue()).as(output).isZero();
      assertThat(output).contains("complete");
      assertThat(store.find("v2")).map(OnlineVersion::state).contains(OnlineVersion.State.COMPLETE);
      assertHoldsExactly(store, "v2", expected);
      store.makeCurrent(published("v2"));
      assertThat(store.current()).map(OnlineVersion::version).contains("v2");
    }
  }

  private Process childLoad(TestSnapshots.Snapshot snapshot) throws java.io.IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Duser.timezone=UTC",
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            ChildLoad.class.getName(),
            address(),
            snapshot.home().root().toString(),
            snapshot.version(),
            "1000")
        .redirectErrorStream(true)
        .start();
  }

  /** How many vector keys of a version the masters hold, counted by SCAN on each. */
  long vectorKeys(String version) {
    long count = 0;
    for (RedisServer node : nodes()) {
      count += matching(node, Keys.vectorPattern(version));
    }
    return count;
  }

  boolean anyNodeHas(String key) {
    return nodes().stream().anyMatch(node -> matching(node, key) > 0);
  }

  /**
   * The keys of one node that match a pattern, by SCAN: on a cluster node a key of another slot is
   * just absent.
   */
  static long matching(RedisServer node, String pattern) {
    long count = 0;
    try (Jedis jedis = node.jedis()) {
      ScanParams matching = new ScanParams().match(pattern).count(1_000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, matching);
        count += page.getResult().size();
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    return count;
  }

  private void killEveryClient() {
    for (RedisServer node : nodes()) {
      try (Jedis jedis = node.jedis()) {
        jedis.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "TYPE", "normal");
      }
    }
  }

  static VectorSource failingAfter(VectorSource source, long rows) {
    return afterRows(
        source,
        rows,
        () -> {
          throw new OnlineStoreException("the snapshot broke");
        });
  }

  /** A source that runs an action once, after handing on so many rows. */
  static VectorSource afterRows(VectorSource source, long rows, Runnable action) {
    return new VectorSource() {
      @Override
      public List<FeatureColumn> columns() {
        return source.columns();
      }

      @Override
      public long rowCount() {
        return source.rowCount();
      }

      @Override
      public void forEachRow(Consumer<VectorRow> consumer) {
        AtomicLong handed = new AtomicLong();
        source.forEachRow(
            row -> {
              if (handed.incrementAndGet() == rows) {
                action.run();
              }
              consumer.accept(row);
            });
      }
    };
  }
}
