package dev.loyaltylens.analyst;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.store.DuckDbConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * An in-memory DuckDB and a private temporary folder (for files it reads and spills), gone when
 * closed: where the analyst commands run templates without touching a store.
 */
final class ScratchDatabase implements AutoCloseable {

  private final Path folder;
  private final Connection connection;
  private final Handle handle;

  private ScratchDatabase(Path folder, Connection connection) {
    this.folder = folder;
    this.connection = connection;
    this.handle = Jdbi.create(connection).open();
    handle.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
  }

  static ScratchDatabase open(String memoryLimit, int threads) {
    Path folder = temporaryFolder();
    Properties properties = new Properties();
    properties.setProperty("memory_limit", memoryLimit);
    properties.setProperty("threads", Integer.toString(threads));
    properties.setProperty("temp_directory", folder.resolve("spill").toString());
    try {
      return new ScratchDatabase(folder, DuckDbConnections.open("jdbc:duckdb:", properties));
    } catch (SQLException e) {
      delete(folder);
      throw new LoyaltyLensException("could not start an in-memory DuckDB: " + e.getMessage(), e);
    }
  }

  /** A small one: lint, docs and fixtures read a handful of rows. */
  static ScratchDatabase small() {
    return open("1GB", 1);
  }

  Handle handle() {
    return handle;
  }

  /** The private folder, for files the run reads. */
  Path folder() {
    return folder;
  }

  @Override
  public void close() {
    try (connection) {
      handle.close();
    } catch (SQLException e) {
      throw new LoyaltyLensException("could not close the in-memory DuckDB: " + e.getMessage(), e);
    } finally {
      delete(folder);
    }
  }

  static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("loyaltylens-");
    } catch (IOException e) {
      throw new LoyaltyLensException("could not create a temporary folder: " + e.getMessage(), e);
    }
  }

  static void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // a leftover temporary file is harmless; the system's temporary folder is cleaned anyway
    }
  }
}
