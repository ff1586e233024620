package dev.loyaltylens.online;

import dev.loyaltylens.store.PublishedManifest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which version an online store serves, and which manifest was kept with it, named by its digest: a
 * reader that polls the pointer reads the whole manifest again only when the digest changed.
 *
 * @param version the current version's id
 * @param manifestDigest the SHA-256 of the manifest's JSON ({@link #digestOf}), in hex
 */
public record OnlinePointer(String version, String manifestDigest) {

  /** The digest a manifest is kept under. */
  public static String digestOf(PublishedManifest manifest) {
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-256")
              .digest(manifest.toJson().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
