package dev.loyaltylens.compute;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Parquet files of an events folder ({@code DIR/**}{@code /*.parquet}), and their fingerprint:
 * a hash over names, sizes and contents, so that a version records exactly which inputs it was
 * computed from.
 *
 * <p>The files are listed here, in Java, and DuckDB is given the list: DuckDB reads every path it
 * is given as a glob pattern, even inside a list, so a folder named {@code x[12]} would otherwise
 * be read as {@code x1}. {@link #patterns()} escapes each path so that it matches that one file
 * only.
 */
public record EventFiles(Path dir, List<Path> files) {

  /** The characters DuckDB's glob gives a meaning to. */
  private static final String GLOB_CHARACTERS = "*?[";

  public EventFiles {
    files = List.copyOf(files);
  }

  /** Lists the Parquet files under a folder, failing with the fix when there are none. */
  public static EventFiles scan(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new BadInputException(
          "events folder "
              + dir
              + " does not exist: pass --events DIR with the Parquet files, or run `generate` first");
    }
    try (Stream<Path> walk = Files.walk(absolute)) {
      List<Path> files =
          walk.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().endsWith(".parquet"))
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new BadInputException(
            "events folder " + dir + " holds no .parquet file: put the events there as Parquet");
      }
      files.forEach(EventFiles::pattern);
      return new EventFiles(absolute, files);
    } catch (IOException e) {
      throw new BadInputException(
          "could not list the events folder " + dir + ": " + e.getMessage());
    }
  }

  /** The paths to give DuckDB, one per file, each matching exactly that file. */
  public List<String> patterns() {
    return files.stream().map(EventFiles::pattern).toList();
  }

  /**
   * A file's absolute path as a DuckDB glob that matches that file only: each {@code *}, {@code ?}
   * and {@code [} becomes a one-character class ({@code [*]}, {@code [?]}, {@code [[]}). DuckDB's
   * own escape, the backslash, is a path separator to it, so a path holding a backslash and a glob
   * character cannot be read exactly.
   */
  public static String pattern(Path file) {
    String path = file.toAbsolutePath().normalize().toString();
    StringBuilder pattern = new StringBuilder(path.length() + 8);
    boolean glob = false;
    for (char c : path.toCharArray()) {
      if (GLOB_CHARACTERS.indexOf(c) >= 0) {
        pattern.append('[').append(c).append(']');
        glob = true;
      } else {
        pattern.append(c);
      }
    }
    if (glob && path.indexOf('\\') >= 0) {
      throw new BadInputException(
          "file "
              + path
              + " has a backslash and one of *, ? or [ in its path, which DuckDB cannot read as one"
              + " file: rename the file or its folder");
    }
    return pattern.toString();
  }

  /**
   * SHA-256 over each file's relative path, size and content, in path order. The files' contents
   * are hashed in parallel: the run waits for the fingerprint before its first query.
   */
  public String fingerprint() {
    List<byte[]> contents = files.parallelStream().map(EventFiles::contentDigest).toList();
    MessageDigest all = sha256();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      all.update(
          (dir.relativize(file) + "\0" + size(file) + "\0").getBytes(StandardCharsets.UTF_8));
      all.update(contents.get(i));
    }
    return HexFormat.of().formatHex(all.digest());
  }

  private static byte[] contentDigest(Path file) {
    MessageDigest content = sha256();
    // 64 KiB stays in the core's cache between the read and the digest; 1 MiB hashes a third slower
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        content.update(buffer, 0, n);
      }
      return content.digest();
    } catch (IOException e) {
      throw new BadInputException("could not read events file " + file + ": " + e.getMessage());
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new BadInputException("could not read events file " + file + ": " + e.getMessage());
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
