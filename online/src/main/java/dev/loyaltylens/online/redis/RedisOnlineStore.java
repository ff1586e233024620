package dev.loyaltylens.online.redis;

import dev.loyaltylens.online.FeatureVector;
import dev.loyaltylens.online.OnlinePointer;
import dev.loyaltylens.online.OnlinePublication;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.OnlineVersion;
import dev.loyaltylens.online.VectorSource;
import dev.loyaltylens.online.VersionNotOnlineException;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The online store in Redis: a single server, or a Redis Cluster whose batches are grouped by node
 * and pipelined.
 *
 * <p>A version's vectors live in hashes of about 64 customers each ({@code
 * loyaltylens:vectors:V:B}, field the customer id, value {@link VectorCodec}'s bytes), its metadata
 * in {@code {loyaltylens}:version:V}, and the pointer {@code {loyaltylens}:current} names the
 * current version, with the published manifest kept beside it ({@code {loyaltylens}:published}). A
 * load writes the metadata as {@code loading}, every vector, counts every bucket, and only then
 * marks the version {@code complete}; the pointer is moved to a complete version only, by one
 * script that writes the manifest too. Readers read a named, complete version; a field they find is
 * that version's value, and when one is missing they check that the version is still complete, so a
 * version dropped under them is reported, never taken for an unknown customer.
 */
public final class RedisOnlineStore implements OnlineStore {

  private static final int SCAN_COUNT = 1_000;
  private static final int MEMORY_SAMPLES = 64;

  private final RedisAddress address;
  private final Topology topology;
  private final VectorLoader loader;
  private final Map<String, VersionMeta> complete = new ConcurrentHashMap<>();

  private RedisOnlineStore(RedisAddress address, Topology topology, RedisSettings settings) {
    this.address = address;
    this.topology = topology;
    this.loader = new VectorLoader(topology, settings, address.text());
  }

  /**
   * Connects to Redis at an address ({@code redis://HOST:PORT}, or {@code HOST:PORT,...} for a
   * cluster).
   */
  public static RedisOnlineStore open(String address, RedisSettings settings) {
    RedisAddress parsed = RedisAddress.parse(address);
    return new RedisOnlineStore(parsed, Topology.connect(parsed, settings), settings);
  }

  @Override
  public String address() {
    return address.text();
  }

  /** Whether the address is a Redis Cluster. */
  public boolean isCluster() {
    return topology.isCluster();
  }

  @Override
  public OnlineVersion load(
      String version, Instant asOf, VectorSource source, LongConsumer progress) {
    requireVersionId(version);
    Optional<OnlineVersion> existing = find(version);
    if (existing.isPresent() && existing.get().isComplete()) {
      OnlineVersion loaded = existing.get();
      if (loaded.rowCount() != source.rowCount() || !loaded.columns().equals(source.columns())) {
        throw new OnlineStoreException(
            "version `"
                + version
                + "` is already complete in Redis at "
                + address.text()
                + " with "
                + loaded.rowCount()
                + " rows of "
                + loaded.columns()
                + ", but its snapshot has "
                + source.rowCount()
                + " rows of "
                + source.columns()
                + ": drop it from Redis and load it again");
      }
      return loaded;
    }
    VersionMeta meta =
        VersionMeta.of(
            new OnlineVersion(
                version,
                asOf,
                source.rowCount(),
                source.columns(),
                OnlineVersion.State.LOADING,
                null,
                0),
            Buckets.countFor(source.rowCount()));
    String metaKey = Keys.meta(version);
    run(
        "starting the load of " + version,
        () -> {
          try (AbstractTransaction transaction = metaNode().client().multi()) {
            transaction.del(metaKey);
            transaction.hset(metaKey, meta.loadingFields(Instant.now()));
            transaction.sadd(Keys.VERSIONS, version);
            transaction.exec();
          }
          return null;
        });
    int[] counts =
        run("loading the vectors of " + version, () -> loader.write(meta, source, progress));
    run(
        "counting the vectors of " + version,
        () -> {
          loader.count(meta, counts);
          return null;
        });
    long memory = run("measuring the memory of " + version, () -> memoryBytes(meta));
    script(
        "completing " + version,
        Scripts.COMPLETE,
        List.of(metaKey),
        List.of(Instant.now().toString(), Long.toString(memory)));
    return find(version).orElseThrow();
  }

  @Override
  public void makeCurrent(PublishedManifest published) {
    String version = published.latest();
    if (version == null) {
      throw new OnlineStoreException(
          "a manifest with no latest version cannot be made current in Redis at "
              + address.text()
              + ": publish a version first");
    }
    requireVersionId(version);
    script(
        "making " + version + " current",
        Scripts.MAKE_CURRENT,
        List.of(Keys.CURRENT, Keys.meta(version), Keys.PUBLISHED, Keys.PUBLISHED_DIGEST),
        List.of(version, published.toJson(), OnlinePointer.digestOf(published)));
  }

  /**
   * Points at nothing, and forgets the manifest, if the pointer is at {@code version}: for a
   * benchmark that made its own version current in a Redis of its own, before it drops it. Readers
   * then answer that nothing is current.
   */
  public void clearCurrent(String version) {
    requireVersionId(version);
    script(
        "clearing the pointer from " + version,
        Scripts.CLEAR_CURRENT,
        List.of(Keys.CURRENT, Keys.PUBLISHED, Keys.PUBLISHED_DIGEST),
        List.of(version));
  }

  @Override
  public boolean follows(PublishedManifest published) {
    return pointer()
        .equals(
            Optional.ofNullable(published.latest())
                .map(latest -> new OnlinePointer(latest, OnlinePointer.digestOf(published))));
  }

  @Override
  public Optional<OnlinePointer> pointer() {
    List<String> values =
        run(
            "reading the pointer",
            () -> metaNode().client().mget(Keys.CURRENT, Keys.PUBLISHED_DIGEST));
    return values.get(0) == null
        ? Optional.empty()
        : Optional.of(new OnlinePointer(values.get(0), values.get(1)));
  }

  @Override
  public Optional<OnlinePublication> publication() {
    List<String> values =
        run(
            "reading the pointer and its manifest",
            () -> metaNode().client().mget(Keys.CURRENT, Keys.PUBLISHED_DIGEST, Keys.PUBLISHED));
    if (values.get(0) == null || values.get(2) == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new OnlinePublication(
              new OnlinePointer(values.get(0), values.get(1)),
              PublishedManifest.fromJson(values.get(2))));
    } catch (StoreException e) {
      throw new OnlineStoreException(
          "the manifest kept in Redis at "
              + address.text()
              + " ("
              + Keys.PUBLISHED
              + ") cannot be read: "
              + e.getMessage()
              + "; run `publish` or `rollback` with --online to write it again",
          e);
    }
  }

  @Override
  public Optional<OnlineVersion> current() {
    // The pointer may move between reading it and reading its metadata: read again until both
    // agree.
    for (int attempt = 0; attempt < 3; attempt++) {
      String version =
          run("reading the current version", () -> metaNode().client().get(Keys.CURRENT));
      if (version == null) {
        return Optional.empty();
      }
      Optional<OnlineVersion> found = find(version);
      if (found.isPresent() && found.get().isComplete()) {
        return found;
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<OnlineVersion> find(String version) {
    if (!Keys.isVersionId(version)) {
      return Optional.empty();
    }
    Map<String, String> hash =
        run("reading version " + version, () -> metaNode().client().hgetAll(Keys.meta(version)));
    VersionMeta meta = VersionMeta.parse(version, hash, address.text());
    if (meta == null) {
      complete.remove(version);
      return Optional.empty();
    }
    if (meta.version().isComplete()) {
      complete.put(version, meta);
    } else {
      complete.remove(version);
    }
    return Optional.of(meta.version());
  }

  @Override
  public List<OnlineVersion> versions() {
    return run(
        "listing versions",
        () -> {
          List<String> ids = new ArrayList<>(metaNode().client().smembers(Keys.VERSIONS));
          List<Response<Map<String, String>>> hashes = new ArrayList<>();
          try (Pipeline pipeline = metaNode().client().pipelined()) {
            for (String id : ids) {
              hashes.add(pipeline.hgetAll(Keys.meta(id)));
            }
          }
          List<OnlineVersion> versions = new ArrayList<>();
          for (int i = 0; i < ids.size(); i++) {
            VersionMeta meta = VersionMeta.parse(ids.get(i), hashes.get(i).get(), address.text());
            if (meta != null) {
              versions.add(meta.version());
            }
          }
          return versions;
        });
  }

  @Override
  public Optional<FeatureVector> read(String version, String customerId) {
    VersionMeta meta = completeMeta(version);
    byte[] id = customerId.getBytes(StandardCharsets.UTF_8);
    byte[] key = meta.keys().key(Buckets.of(id, meta.buckets()));
    byte[] value =
        withTopologyRetry(
            "reading a vector of " + version, () -> topology.nodeFor(key).client().hget(key, id));
    if (value == null) {
      confirmComplete(meta);
      return Optional.empty();
    }
    return Optional.of(new FeatureVector(customerId, Arrays.asList(meta.codec().decode(value))));
  }

  @Override
  public Map<String, FeatureVector> readMany(String version, Collection<String> customerIds) {
    VersionMeta meta = completeMeta(version);
    List<String> ids = List.copyOf(customerIds);
    Map<String, FeatureVector> found =
        withTopologyRetry("reading vectors of " + version, () -> readGrouped(meta, ids));
    if (found.size() < new HashSet<>(ids).size()) {
      confirmComplete(meta);
    }
    return found;
  }

  /** One pipeline per node, each holding the lookups of the ids whose buckets that node owns. */
  private Map<String, FeatureVector> readGrouped(VersionMeta meta, List<String> ids) {
    Map<Topology.Node, List<Integer>> byNode = new HashMap<>();
    byte[][] keys = new byte[ids.size()][];
    byte[][] fields = new byte[ids.size()][];
    for (int i = 0; i < ids.size(); i++) {
      fields[i] = ids.get(i).getBytes(StandardCharsets.UTF_8);
      keys[i] = meta.keys().key(Buckets.of(fields[i], meta.buckets()));
      byNode.computeIfAbsent(topology.nodeFor(keys[i]), node -> new ArrayList<>()).add(i);
    }
    Map<String, FeatureVector> found = new HashMap<>();
    for (Map.Entry<Topology.Node, List<Integer>> entry : byNode.entrySet()) {
      List<Response<byte[]>> values = new ArrayList<>(entry.getValue().size());
      try (Pipeline pipeline = entry.getKey().client().pipelined()) {
        for (int i : entry.getValue()) {
          values.add(pipeline.hget(keys[i], fields[i]));
        }
      }
      for (int j = 0; j < values.size(); j++) {
        byte[] value = values.get(j).get();
        if (value != null) {
          String id = ids.get(entry.getValue().get(j));
          found.put(id, new FeatureVector(id, Arrays.asList(meta.codec().decode(value))));
        }
      }
    }
    return found;
  }

  @Override
  public void drop(String version) {
    requireVersionId(version);
    complete.remove(version);
    String metaKey = Keys.meta(version);
    script(
        "dropping " + version,
        Scripts.BEGIN_DROP,
        List.of(Keys.CURRENT, metaKey),
        List.of(version));
    ScanParams matching = new ScanParams().match(Keys.vectorPattern(version)).count(SCAN_COUNT);
    for (Topology.Node node : topology.masters()) {
      run(
          "removing the vectors of " + version + " from " + node,
          () -> {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
              ScanResult<byte[]> page =
                  node.client().scan(cursor.getBytes(StandardCharsets.US_ASCII), matching);
              // One key per UNLINK: keys of different slots may not share a command on a cluster.
              List<Response<Long>> unlinked = new ArrayList<>(page.getResult().size());
              try (Pipeline pipeline = node.client().pipelined()) {
                for (byte[] key : page.getResult()) {
                  unlinked.add(pipeline.unlink(key));
                }
              }
              // A refused UNLINK stops the drop before the metadata goes, so running it again
              // finishes it.
              unlinked.forEach(Response::get);
              cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return null;
          });
    }
    run(
        "forgetting " + version,
        () -> {
          try (AbstractTransaction transaction = metaNode().client().multi()) {
            transaction.del(metaKey);
            transaction.srem(Keys.VERSIONS, version);
            transaction.exec();
          }
          return null;
        });
  }

  /** Redis's {@code used_memory}, summed over the masters. */
  @Override
  public long usedMemoryBytes() {
    return Math.round(infoSum("memory", "used_memory"));
  }

  /**
   * The CPU time Redis used since it started ({@code used_cpu_user} and {@code used_cpu_sys}),
   * summed over the masters.
   */
  public double usedCpuSeconds() {
    return infoSum("cpu", "used_cpu_user") + infoSum("cpu", "used_cpu_sys");
  }

  private double infoSum(String section, String field) {
    double total = 0;
    for (Topology.Node node : topology.masters()) {
      String info =
          run("reading INFO " + section + " of " + node, () -> node.client().info(section));
      total +=
          info.lines()
              .filter(line -> line.startsWith(field + ":"))
              .mapToDouble(line -> Double.parseDouble(line.substring(field.length() + 1).strip()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new OnlineStoreException(
                          "INFO " + section + " of " + node + " has no " + field));
    }
    return total;
  }

  @Override
  public void close() {
    topology.close();
  }

  /**
   * The memory of a version's buckets: MEMORY USAGE of evenly spaced buckets, scaled to all of
   * them.
   */
  private long memoryBytes(VersionMeta meta) {
    long buckets = meta.buckets();
    int samples = (int) Math.min(MEMORY_SAMPLES, buckets);
    long sampled = 0;
    for (int i = 0; i < samples; i++) {
      byte[] key = meta.keys().key(i * buckets / samples);
      Long usage = topology.nodeFor(key).client().memoryUsage(key, 0);
      sampled += usage == null ? 0 : usage;
    }
    return Math.round(sampled * ((double) buckets / samples));
  }

  private VersionMeta completeMeta(String version) {
    VersionMeta cached = complete.get(version);
    if (cached != null) {
      return cached;
    }
    Optional<OnlineVersion> found = find(version);
    if (found.isEmpty()) {
      throw new VersionNotOnlineException(
          version, address.text(), "it was never loaded, or was dropped");
    }
    if (!found.get().isComplete()) {
      throw new VersionNotOnlineException(
          version, address.text(), "it is " + found.get().state().name().toLowerCase(Locale.ROOT));
    }
    return complete.get(version);
  }

  /**
   * After a miss: the version must still be complete, or the miss may be a vector dropped under the
   * reader.
   */
  private void confirmComplete(VersionMeta meta) {
    String version = meta.version().version();
    String state =
        run(
            "checking version " + version,
            () -> metaNode().client().hget(Keys.meta(version), "state"));
    if (!"complete".equals(state)) {
      complete.remove(version);
      throw new VersionNotOnlineException(
          version, address.text(), state == null ? "it was dropped" : "it is " + state);
    }
  }

  private Topology.Node metaNode() {
    return topology.nodeFor(Keys.CURRENT);
  }

  private void script(String doing, String script, List<String> keys, List<String> args) {
    try {
      metaNode().client().eval(script, keys, args);
    } catch (JedisDataException e) {
      if (e.getMessage() != null && e.getMessage().contains(Scripts.REFUSED)) {
        String why =
            e.getMessage()
                .substring(e.getMessage().indexOf(Scripts.REFUSED) + Scripts.REFUSED.length() + 1);
        throw new OnlineStoreException(
            "Redis at " + address.text() + " refused " + doing + ": " + why.strip());
      }
      throw Failures.of(e, address.text(), doing);
    } catch (JedisException e) {
      throw Failures.of(e, address.text(), doing);
    }
  }

  /**
   * Runs an action; on a cluster that moved a slot meanwhile, asks for the slots again and runs it
   * once more.
   */
  private <T> T withTopologyRetry(String doing, Supplier<T> action) {
    try {
      return action.get();
    } catch (JedisMovedDataException moved) {
      run(
          "asking the cluster for its slots",
          () -> {
            topology.refresh();
            return null;
          });
      return run(doing, action);
    } catch (JedisException e) {
      throw Failures.of(e, address.text(), doing);
    }
  }

  private <T> T run(String doing, Supplier<T> action) {
    try {
      return action.get();
    } catch (JedisException e) {
      throw Failures.of(e, address.text(), doing);
    }
  }

  private void requireVersionId(String version) {
    if (!Keys.isVersionId(version)) {
      throw new OnlineStoreException(
          "`"
              + version
              + "` is not a version id the online store takes: letters, digits,"
              + " '_', '.' and '-', at most 128");
    }
  }
}
