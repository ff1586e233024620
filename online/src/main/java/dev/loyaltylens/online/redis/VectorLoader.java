package dev.loyaltylens.online.redis;

import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.VectorRow;
import dev.loyaltylens.online.VectorSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.args.Rawable;

/**
 * Writes a version's vectors into their buckets and counts them back.
 *
 * <p>Rows come in any order. A window of rows is sorted by bucket, so each bucket gets one {@code
 * HSET} with all of its window's fields: Redis spends most of its time per command, not per field,
 * and a bucket written once per window costs it a third of a command per row. The commands go to
 * each bucket's node in pipelines whose replies are read every {@link
 * RedisSettings#commandsPerSync()} commands. Writing a field twice stores the same bytes, so a load
 * that is run again after a crash simply writes everything again.
 */
final class VectorLoader {

  private static final int INDEX_BITS = 24;
  private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
  private static final int COUNTS_PER_SYNC = 10_000;

  private final Topology topology;
  private final RedisSettings settings;
  private final String address;

  VectorLoader(Topology topology, RedisSettings settings, String address) {
    this.topology = topology;
    this.settings = settings;
    this.address = address;
  }

  /** Writes every row; returns how many vectors went into each bucket. */
  int[] write(VersionMeta meta, VectorSource source, LongConsumer progress) {
    if (meta.buckets() > Integer.MAX_VALUE) {
      throw new OnlineStoreException(
          "version `" + meta.version().version() + "` has too many rows for one load");
    }
    Window window =
        new Window(
            meta,
            Math.min(
                settings.windowRows(),
                (int)
                    Math.min(
                        Math.max(1, meta.version().rowCount()), RedisSettings.MAX_WINDOW_ROWS)),
            progress);
    source.forEachRow(window::add);
    window.flush();
    return window.counts;
  }

  /**
   * Checks that every bucket holds as many vectors as were written to it; names the first that does
   * not.
   */
  void count(VersionMeta meta, int[] expected) {
    List<List<Integer>> bucketsByNode = bucketsByNode(meta);
    List<Topology.Node> nodes = topology.masters();
    for (int n = 0; n < nodes.size(); n++) {
      List<Integer> buckets = bucketsByNode.get(n);
      for (int from = 0; from < buckets.size(); from += COUNTS_PER_SYNC) {
        List<Integer> part =
            buckets.subList(from, Math.min(buckets.size(), from + COUNTS_PER_SYNC));
        List<Response<Long>> lengths = new ArrayList<>(part.size());
        try (Pipeline pipeline = nodes.get(n).client().pipelined()) {
          for (int bucket : part) {
            lengths.add(pipeline.hlen(meta.keys().key(bucket)));
          }
        }
        for (int i = 0; i < part.size(); i++) {
          int bucket = part.get(i);
          long held = lengths.get(i).get();
          if (held != expected[bucket]) {
            throw new OnlineStoreException(
                "version `"
                    + meta.version().version()
                    + "`: bucket "
                    + new String(meta.keys().key(bucket), StandardCharsets.US_ASCII)
                    + " on "
                    + nodes.get(n)
                    + " holds "
                    + held
                    + " vectors where "
                    + expected[bucket]
                    + " were written (Redis at "
                    + address
                    + " lost data during the load): load the version again");
          }
        }
      }
    }
  }

  /** The bucket numbers each master owns, in the order of {@link Topology#masters()}. */
  List<List<Integer>> bucketsByNode(VersionMeta meta) {
    List<Topology.Node> nodes = topology.masters();
    List<List<Integer>> byNode = new ArrayList<>();
    for (int n = 0; n < nodes.size(); n++) {
      byNode.add(new ArrayList<>());
    }
    for (int bucket = 0; bucket < meta.buckets(); bucket++) {
      byNode.get(nodes.indexOf(topology.nodeFor(meta.keys().key(bucket)))).add(bucket);
    }
    return byNode;
  }

  /** Rows waiting to be sent, grouped by bucket when the window is full. */
  private final class Window {

    private final VersionMeta meta;
    private final VectorCodec.Encoder encoder;
    private final LongConsumer progress;
    private final int[] counts;
    private final long[] order;
    private final byte[][] ids;
    private final byte[][] values;
    private final int[] nodeOfBucket;
    private int size;
    private long written;

    Window(VersionMeta meta, int rows, LongConsumer progress) {
      this.meta = meta;
      this.encoder = meta.codec().encoder();
      this.progress = progress;
      this.counts = new int[(int) meta.buckets()];
      this.order = new long[rows];
      this.ids = new byte[rows][];
      this.values = new byte[rows][];
      this.nodeOfBucket = new int[(int) meta.buckets()];
      List<List<Integer>> byNode = bucketsByNode(meta);
      for (int n = 0; n < byNode.size(); n++) {
        for (int bucket : byNode.get(n)) {
          nodeOfBucket[bucket] = n;
        }
      }
    }

    void add(VectorRow row) {
      byte[] id = row.customerId();
      long bucket = Buckets.of(id, meta.buckets());
      counts[(int) bucket]++;
      ids[size] = id;
      values[size] = encoder.encode(row);
      order[size] = (bucket << INDEX_BITS) | size;
      if (++size == order.length) {
        flush();
      }
    }

    void flush() {
      if (size == 0) {
        return;
      }
      Arrays.sort(order, 0, size);
      List<Topology.Node> nodes = topology.masters();
      NodeWriter[] writers = new NodeWriter[nodes.size()];
      RuntimeException failure = null;
      try {
        int start = 0;
        while (start < size) {
          long bucket = order[start] >>> INDEX_BITS;
          int end = start + 1;
          while (end < size && order[end] >>> INDEX_BITS == bucket) {
            end++;
          }
          CommandArguments args =
              new CommandArguments(Protocol.Command.HSET).add(new Bytes(meta.keys().key(bucket)));
          for (int i = start; i < end; i++) {
            int row = (int) (order[i] & INDEX_MASK);
            args.add(new Bytes(ids[row])).add(new Bytes(values[row]));
            ids[row] = null;
            values[row] = null;
          }
          int node = nodeOfBucket[(int) bucket];
          if (writers[node] == null) {
            writers[node] = new NodeWriter(nodes.get(node).client().pipelined());
          }
          writers[node].hset(args);
          start = end;
        }
        for (NodeWriter writer : writers) {
          if (writer != null) {
            writer.finish();
          }
        }
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      } finally {
        for (NodeWriter writer : writers) {
          if (writer != null) {
            close(writer.pipeline, failure);
          }
        }
      }
      written += size;
      size = 0;
      progress.accept(written);
    }
  }

  /**
   * An argument handed to Jedis as it is: Jedis copies every plain {@code byte[]} argument, which
   * was the largest cost of a load.
   */
  private record Bytes(byte[] raw) implements Rawable {

    @Override
    public byte[] getRaw() {
      return raw;
    }
  }

  /**
   * Gives a pipeline's connection back; after a failure, one that breaks too only adds to that
   * failure.
   */
  private static void close(Pipeline pipeline, RuntimeException failure) {
    try {
      pipeline.close();
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }

  /** One node's pipeline, whose replies are read (and any error thrown) every so many commands. */
  private final class NodeWriter {

    private final Pipeline pipeline;
    private final List<Response<Long>> replies = new ArrayList<>();

    NodeWriter(Pipeline pipeline) {
      this.pipeline = pipeline;
    }

    void hset(CommandArguments args) {
      replies.add(pipeline.executeCommand(new CommandObject<>(args, BuilderFactory.LONG)));
      if (replies.size() >= settings.commandsPerSync()) {
        finish();
      }
    }

    void finish() {
      pipeline.sync();
      for (Response<Long> reply : replies) {
        reply.get();
      }
      replies.clear();
    }
  }
}
