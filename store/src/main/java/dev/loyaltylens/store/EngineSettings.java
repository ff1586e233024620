package dev.loyaltylens.store;

/**
 * How much of the machine DuckDB may use: its memory is native, outside the JVM heap, so it is
 * capped here.
 *
 * @param memoryLimit a DuckDB size such as {@code 4GB}
 * @param threads worker threads, usually the core count
 */
public record EngineSettings(String memoryLimit, int threads) {

  public EngineSettings {
    if (!memoryLimit.matches("\\d+(\\.\\d+)?\\s*(KB|MB|GB|KiB|MiB|GiB)")) {
      throw new StoreException(
          "memory limit `" + memoryLimit + "` is not a DuckDB size: write it like 4GB or 512MB");
    }
    if (threads < 1) {
      throw new StoreException("threads must be at least 1, got " + threads);
    }
  }
}
