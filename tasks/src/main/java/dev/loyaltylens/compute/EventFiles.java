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
 * The Parquet files of an events folder ({@code DIR/**}{@code /*.parquet}), and their fingerprint: a hash over
 * names, sizes and contents, so that a version records exactly which inputs it was computed from.
 */
public record EventFiles(Path dir, List<Path> files) {

  public EventFiles {
    files = List.copyOf(files);
  }

  /** Lists the Parquet files under a folder, failing with the fix when there are none. */
  public static EventFiles scan(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new BadInputException(
          "events folder " + dir + " does not exist: pass --events DIR with the Parquet files, or run `generate` first");
    }
    try (Stream<Path> walk = Files.walk(absolute)) {
      List<Path> files =
          walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
      if (files.isEmpty()) {
        throw new BadInputException("events folder " + dir + " holds no .parquet file: put the events there as Parquet");
      }
      return new EventFiles(absolute, files);
    } catch (IOException e) {
      throw new BadInputException("could not list the events folder " + dir + ": " + e.getMessage());
    }
  }

  /** The glob DuckDB reads, which matches exactly the files listed. */
  public String glob() {
    return dir + "/**/*.parquet";
  }

  /** SHA-256 over each file's relative path, size and content, in path order. */
  public String fingerprint() {
    MessageDigest all = sha256();
    byte[] buffer = new byte[1 << 20];
    for (Path file : files) {
      MessageDigest content = sha256();
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          content.update(buffer, 0, n);
        }
        all.update((dir.relativize(file) + "\0" + Files.size(file) + "\0").getBytes(StandardCharsets.UTF_8));
        all.update(content.digest());
      } catch (IOException e) {
        throw new BadInputException("could not read events file " + file + ": " + e.getMessage());
      }
    }
    return HexFormat.of().formatHex(all.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
