package dev.loyaltylens.store;

import dev.loyaltylens.LoyaltyLensException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * An open connection to a home's DuckDB store, migrated to the schema in {@code migrations/} before
 * first use.
 *
 * <p>The process holds DuckDB's single-writer lock while this is open, so every command opens it
 * late and closes it early; closing checkpoints the file so that no WAL is left for another process
 * to replay.
 */
public final class FeatureStore implements AutoCloseable {

  private final StoreHome home;
  private final Connection connection;
  private final Handle handle;

  private FeatureStore(StoreHome home, Connection connection) {
    this.home = home;
    this.connection = connection;
    this.handle = Jdbi.create(connection).open();
  }

  /**
   * Opens the store in {@code home}, migrated; fails when the folder holds none rather than create
   * one.
   */
  public static FeatureStore openExisting(StoreHome home, Path migrations, EngineSettings engine) {
    if (!Files.isRegularFile(home.database())) {
      throw new NoStoreException(home, home.database().getFileName().toString());
    }
    return open(home, migrations, engine);
  }

  /** Opens the store in {@code home}, creating and migrating it as needed. */
  public static FeatureStore open(StoreHome home, Path migrations, EngineSettings engine) {
    createDirectories(home.root());
    createDirectories(home.publishedDir());
    migrate(home, migrations);
    return new FeatureStore(home, connect(home, engine));
  }

  public StoreHome home() {
    return home;
  }

  public Handle handle() {
    return handle;
  }

  public Registry registry() {
    return new Registry(handle);
  }

  /**
   * The feature columns of the {@code features} table, as the migrations made them, in table order.
   */
  public java.util.List<FeatureColumn> featureColumns() {
    return FeatureColumn.of(handle);
  }

  @Override
  public void close() {
    try (connection) {
      handle.execute("checkpoint");
      handle.close();
    } catch (SQLException | RuntimeException e) {
      throw new StoreException(
          "could not close the store " + home.database() + ": " + e.getMessage(), e);
    }
  }

  private static void migrate(StoreHome home, Path migrations) {
    if (!Files.isDirectory(migrations)) {
      throw new StoreException(
          "migrations folder "
              + migrations
              + " does not exist: set LOYALTYLENS_MIGRATIONS or --migrations");
    }
    try {
      // Flyway gets a connection with nothing attached: its DuckDB catalog queries do not filter by
      // database.
      Flyway flyway =
          Flyway.configure()
              .dataSource("jdbc:duckdb:" + home.database(), null, null)
              .locations("filesystem:" + migrations.toAbsolutePath())
              .table("flyway_schema_history")
              .initSql(DuckDbConnections.IN_UTC)
              .validateMigrationNaming(true)
              // a migration applied to the store but unknown here fails the migration's validation,
              // rather than being passed over: see refuseNewerSchema
              .ignoreMigrationPatterns(new String[0])
              .load();
      try {
        flyway.migrate();
      } catch (FlywayValidateException e) {
        refuseNewerSchema(home, flyway.info());
        throw e;
      }
    } catch (FlywayException e) {
      throw new StoreException(
          "could not migrate the store "
              + home.database()
              + " with "
              + migrations
              + ": "
              + LoyaltyLensException.firstLine(e),
          e);
    }
  }

  /**
   * Flyway would accept a store migrated further than the migrations it is given (a "future"
   * migration) and go on writing to it with the older schema; this build cannot know what the newer
   * schema means, so it stops. Asked only once the migration's validation failed, so that opening a
   * store costs one run of Flyway.
   */
  private static void refuseNewerSchema(StoreHome home, MigrationInfoService info) {
    Optional<MigrationVersion> newest =
        Arrays.stream(info.applied())
            .filter(
                migration ->
                    migration.getState() == MigrationState.FUTURE_SUCCESS
                        || migration.getState() == MigrationState.FUTURE_FAILED)
            .map(MigrationInfo::getVersion)
            .max(MigrationVersion::compareTo);
    if (newest.isPresent()) {
      String known =
          Arrays.stream(info.all())
              .filter(migration -> migration.getState().isResolved())
              .map(MigrationInfo::getVersion)
              .max(MigrationVersion::compareTo)
              .map(version -> "V" + version)
              .orElse("none");
      throw new StoreException(
          "this home was written by a newer LoyaltyLens (schema V"
              + newest.get()
              + "); upgrade LoyaltyLens to"
              + " use "
              + home.root()
              + ": this one knows the schema up to "
              + known);
    }
  }

  private static Connection connect(StoreHome home, EngineSettings engine) {
    Properties properties = new Properties();
    properties.setProperty("memory_limit", engine.memoryLimit());
    properties.setProperty("threads", Integer.toString(engine.threads()));
    properties.setProperty("temp_directory", home.spillDir().toString());
    properties.setProperty("preserve_insertion_order", "false");
    try {
      return DuckDbConnections.open("jdbc:duckdb:" + home.database(), properties);
    } catch (SQLException e) {
      throw new StoreException(
          "could not open the store "
              + home.database()
              + ": "
              + LoyaltyLensException.firstLine(e)
              + " (is another process writing to it?)",
          e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("could not create the folder " + dir + ": " + e.getMessage(), e);
    }
  }
}
