package dev.loyaltylens.serving.redis;

import dev.loyaltylens.online.OnlinePointer;
import dev.loyaltylens.online.OnlinePublication;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.OnlineStoreUnreachableException;
import dev.loyaltylens.online.OnlineStores;
import dev.loyaltylens.online.OnlineVersion;
import dev.loyaltylens.serving.backend.ServedVersion;
import dev.loyaltylens.serving.backend.ServingBackend;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Answers from an online store: the published manifest kept beside its pointer says what is
 * published, the pointer which version is current, and every vector is read from the store per
 * request, so that any number of API processes serve one store without holding the data or a home
 * folder.
 *
 * <p>A background poll reads the pointer every interval (one small read) and, when it or the
 * manifest changed, both again together; the version being served is then replaced whole. While the
 * store cannot be reached, the routes answer 503 with the reason, and the next poll that reaches it
 * serves again, without a restart.
 */
public final class RedisBackend implements ServingBackend {

  /**
   * What the routes answer from, replaced whole by the poll: a request sees one or the next, never
   * a mix.
   */
  private record State(
      PublishedManifest manifest, OnlinePointer pointer, RedisVersion current, String unavailable) {

    State unreachable(String why) {
      return new State(manifest, pointer, current, why);
    }
  }

  private final String address;
  private final Duration interval;
  private final ScheduledExecutorService poller;
  private final Map<String, RedisVersion> named = new ConcurrentHashMap<>();
  private volatile OnlineStore store;
  private volatile State state;

  /** The last failure the poll logged, so that a failure repeated every poll is logged once. */
  private String logged;

  /**
   * @param pollInterval how often the pointer is read
   */
  public RedisBackend(String address, Duration pollInterval) {
    this.address = address;
    this.interval = pollInterval;
    this.state = new State(null, null, null, "connecting to the online store " + address);
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "online-store-poller");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void start() {
    poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public PublishedManifest published() {
    return state.manifest();
  }

  @Override
  public ServedVersion current() {
    State now = state;
    return now.unavailable() == null ? now.current() : null;
  }

  @Override
  public ServedVersion version(PublishedVersion version) {
    State now = state;
    if (now.unavailable() != null) {
      throw ServingException.unavailable(now.unavailable());
    }
    if (now.current() != null && now.current().published().equals(version)) {
      return now.current();
    }
    RedisVersion known = named.get(version.version());
    if (known != null && known.published().equals(version)) {
      return known;
    }
    Optional<OnlineVersion> held;
    try {
      held = now.manifest() == null ? Optional.empty() : store.find(version.version());
    } catch (OnlineStoreUnreachableException e) {
      throw unreachable(e);
    } catch (OnlineStoreException e) {
      throw ServingException.serverError(e.getMessage(), e);
    }
    if (held.isEmpty() || !held.get().isComplete()) {
      throw notKept(version.version());
    }
    RedisVersion loaded = new RedisVersion(version, held.get(), store, this);
    named.put(version.version(), loaded);
    return loaded;
  }

  @Override
  public String notReadyReason() {
    State now = state;
    return now.unavailable() != null
        ? now.unavailable()
        : "nothing is current in the online store "
            + address
            + " yet: publish a version with --online "
            + address;
  }

  @Override
  public void close() {
    poller.shutdownNow();
    try {
      poller.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    OnlineStore open = store;
    if (open != null) {
      open.close();
    }
  }

  /** One look at the pointer; never throws, so the schedule goes on after a failure. */
  void poll() {
    State before = state;
    try {
      OnlineStore open = connected();
      Optional<OnlinePointer> pointer = open.pointer();
      if (before.unavailable() == null && Objects.equals(pointer.orElse(null), before.pointer())) {
        return;
      }
      Optional<OnlinePublication> publication = open.publication();
      if (publication.isEmpty()) {
        state = new State(null, null, null, null);
        return;
      }
      state = serve(open, publication.get(), before);
      if (logged != null) {
        System.err.println("serve: the online store " + address + " answers again");
        logged = null;
      }
    } catch (OnlineStoreUnreachableException e) {
      state = state.unreachable(reason(e));
      logOnce(reason(e));
    } catch (RuntimeException e) {
      logOnce(
          "could not follow the online store "
              + address
              + ", still serving "
              + (before.current() == null ? "nothing" : before.current().published().version())
              + ": "
              + e.getMessage());
    }
  }

  private void logOnce(String problem) {
    if (!problem.equals(logged)) {
      System.err.println("serve: " + problem);
      logged = problem;
    }
  }

  /**
   * The state for a publication read: its current version, checked complete, kept whole when it did
   * not change.
   */
  private State serve(OnlineStore open, OnlinePublication publication, State before) {
    PublishedManifest manifest = publication.manifest();
    String id = publication.pointer().version();
    PublishedVersion latest =
        manifest
            .find(id)
            .orElseThrow(
                () ->
                    new OnlineStoreException(
                        "the pointer of "
                            + address
                            + " names "
                            + id
                            + ", which the manifest kept with it does not list"));
    if (!Objects.equals(manifest, before.manifest())) {
      named.clear();
    }
    RedisVersion current = before.current();
    if (current == null || !current.published().equals(latest)) {
      OnlineVersion held =
          open.find(id)
              .filter(OnlineVersion::isComplete)
              .orElseThrow(
                  () ->
                      new OnlineStoreException(
                          "the current version "
                              + id
                              + " of "
                              + address
                              + " is not complete there"));
      current = new RedisVersion(latest, held, open, this);
      System.err.printf(
          Locale.ROOT,
          "serve: serving %s (%,d rows) from the online store %s%n",
          id,
          latest.rowCount(),
          address);
    }
    return new State(manifest, publication.pointer(), current, null);
  }

  private OnlineStore connected() {
    OnlineStore open = store;
    if (open == null) {
      open = OnlineStores.open(address);
      store = open;
    }
    return open;
  }

  /**
   * A request found the store unreachable: requests answer 503 at once from now on, rather than
   * each waiting for a timeout, until the next poll reaches it.
   */
  ServingException unreachable(OnlineStoreUnreachableException e) {
    State now = state;
    if (now.unavailable() == null) {
      state = now.unreachable(reason(e));
    }
    return ServingException.unavailable(reason(e));
  }

  /** A version that left the store under a request: the next poll finds what is current now. */
  void lost(RedisVersion version) {
    named.remove(version.published().version(), version);
  }

  /** Whether a version is the one requests that name none are answered from. */
  boolean isCurrent(RedisVersion version) {
    return state.current() == version;
  }

  ServingException notKept(String version) {
    return ServingException.notFound(
        "version `"
            + version
            + "` is published but not kept in the online store "
            + address
            + ", which holds the latest, the previous and the pinned versions: ask an API that serves from"
            + " the home's snapshots (`serve --home HOME` without --online), or make it the latest again with"
            + " `rollback --to "
            + version
            + " --online "
            + address
            + "`");
  }

  private String reason(OnlineStoreUnreachableException e) {
    return e.getMessage()
        + " (answering 503 until it is back; checked every "
        + interval.toMillis()
        + " ms)";
  }
}
