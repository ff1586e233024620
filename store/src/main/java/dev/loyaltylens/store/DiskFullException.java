package dev.loyaltylens.store;

import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A write that failed for want of disk space, said as such: which folder is full, and what keeps
 * serving.
 *
 * <p>DuckDB and Java report a full disk deep inside other failures ("Failed to commit: Could not
 * write file ".../store.duckdb.wal": No space left on device" in a transaction error, or, for the
 * folder DuckDB spills to, "failed to offload data block ... the available disk space on the drive
 * where the 'temp_directory' is located"); {@link #explain} finds them in a failure's causes.
 */
public final class DiskFullException extends StoreException {

  /** DuckDB's words for a failed write, and the same words in the store's own messages. */
  private static final Pattern WRITING =
      Pattern.compile("(?i)could not write (?:to )?(?:the snapshot )?file \"([^\"]+)\"");

  private static final Pattern NO_SPACE =
      Pattern.compile("No space left on device|Disk quota exceeded");

  /**
   * DuckDB's spill limit is the free space of the temp_directory's disk unless set: reaching it is
   * a full disk.
   */
  private static final String SPILL_FULL = "failed to offload data block";

  private DiskFullException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The failure, explained as a full disk when that is what it is; otherwise the failure itself.
   *
   * @param home the store whose command failed, for its folders and for the version that keeps
   *     serving
   */
  public static RuntimeException explain(RuntimeException failure, StoreHome home) {
    if (failure instanceof DiskFullException) {
      return failure;
    }
    Deque<Throwable> pending = new ArrayDeque<>();
    Set<Throwable> seen = new HashSet<>();
    pending.add(failure);
    while (!pending.isEmpty()) {
      Throwable next = pending.poll();
      if (!seen.add(next)) {
        continue;
      }
      Optional<String> where = where(next, home);
      if (where.isPresent()) {
        return new DiskFullException(where.get() + "; " + serving(home), failure);
      }
      if (next.getCause() != null) {
        pending.add(next.getCause());
      }
      pending.addAll(java.util.List.of(next.getSuppressed()));
    }
    return failure;
  }

  /**
   * What to say of one throwable: where the disk is full and what to do, when it says the disk is
   * full.
   */
  private static Optional<String> where(Throwable e, StoreHome home) {
    String message = String.valueOf(e.getMessage());
    if (message.contains(SPILL_FULL)) {
      return Optional.of(
          "no space left on device in "
              + home.spillDir()
              + ", where DuckDB spills what does not fit in its memory"
              + " limit: free space on that disk, or raise --memory-limit, and run again");
    }
    if (!NO_SPACE.matcher(message).find()) {
      return Optional.empty();
    }
    Matcher writing = WRITING.matcher(message);
    Path file =
        writing.find()
            ? Path.of(writing.group(1))
            : e instanceof FileSystemException fs && fs.getFile() != null
                ? Path.of(fs.getFile())
                : null;
    if (file == null) {
      return Optional.of(
          "no space left on device in " + home.root() + ": free space there and run again");
    }
    return Optional.of(
        "no space left on device in "
            + file.toAbsolutePath().getParent()
            + " (writing "
            + file.getFileName()
            + "): free space there and run again");
  }

  /** The version readers keep serving, from the manifest they follow. */
  private static String serving(StoreHome home) {
    try {
      return PublishedManifest.read(home)
          .map(PublishedManifest::latest)
          .map(latest -> "the published version " + latest + " keeps serving")
          .orElse("nothing was published before");
    } catch (RuntimeException e) {
      return "the published versions are as they were";
    }
  }
}
