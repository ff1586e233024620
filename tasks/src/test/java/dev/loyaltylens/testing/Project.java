package dev.loyaltylens.testing;

import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.StoreHome;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's own {@code sql/} and {@code migrations/}, which tests run for real. */
public final class Project {

  private Project() {}

  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("migrations"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no migrations/ folder above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  public static Path sql() {
    return root().resolve("sql");
  }

  public static Path migrations() {
    return root().resolve("migrations");
  }

  public static FeatureStore openStore(Path home) {
    return FeatureStore.open(new StoreHome(home), migrations(), new EngineSettings("1GB", 2));
  }
}
