package dev.loyaltylens.store;

/**
 * A {@code published/manifest.json} that is not a manifest: not JSON, cut short, empty, edited by
 * hand. The registry is the source of truth, so the next command that opens the store rewrites it.
 */
public final class UnreadableManifestException extends StoreException {

  private final String problem;

  UnreadableManifestException(StoreHome home, String problem, Throwable cause) {
    super(
        home.manifest()
            + " cannot be read ("
            + problem
            + "): any loyaltylens command that opens the store"
            + " rewrites it from the registry, e.g. `loyaltylens versions --home "
            + home.root()
            + "`",
        cause);
    this.problem = problem;
  }

  /** What is wrong with the file, in a few words. */
  public String problem() {
    return problem;
  }
}
