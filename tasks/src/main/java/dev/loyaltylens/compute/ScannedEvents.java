package dev.loyaltylens.compute;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An events folder's files, listed, with their fingerprint hashed meanwhile on a thread of its own:
 * a run scans its events before it opens the store and its engine, and waits for the fingerprint
 * only when it needs the version id.
 */
public final class ScannedEvents {

  private final EventFiles files;
  private final CompletableFuture<String> fingerprint;

  private ScannedEvents(EventFiles files) {
    this.files = files;
    // Not in the common pool: it has one worker on two cores, so the fingerprint's parallel hashing
    // would have no thread to spread onto.
    this.fingerprint =
        CompletableFuture.supplyAsync(files::fingerprint, ScannedEvents::daemonThread);
  }

  /** Lists the Parquet files under a folder and starts hashing them. */
  public static ScannedEvents scan(Path dir) {
    return new ScannedEvents(EventFiles.scan(dir));
  }

  public EventFiles files() {
    return files;
  }

  /** The fingerprint of the files ({@link EventFiles#fingerprint}), once hashed. */
  public String fingerprint() {
    try {
      return fingerprint.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private static void daemonThread(Runnable work) {
    Thread thread = new Thread(work, "input-fingerprint");
    thread.setDaemon(true);
    thread.start();
  }
}
