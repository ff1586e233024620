package dev.loyaltylens.bench;

import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.SqlLiteral;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The version DuckDB computed and the one Spark computed from the same inputs, compared value for
 * value: the same version id, and the same vectors, every column but the time each was computed.
 */
final class VectorComparison {

  /** What two versions that agree have in common. */
  record Outcome(long rows) {}

  private VectorComparison() {}

  /**
   * Checks that the two store files hold the same version with the same vectors; a {@link
   * BenchException} says how they differ.
   */
  static Outcome of(Path duckdbStore, String duckdbVersion, Path sparkStore, String sparkVersion) {
    if (!duckdbVersion.equals(sparkVersion)) {
      throw new BenchException(
          "the engines computed different versions: duckdb "
              + duckdbVersion
              + ", spark "
              + sparkVersion
              + " (the version id covers the events, the templates and the as-of, so one engine read"
              + " other inputs or rendered other SQL)");
    }
    try (Connection duckdb = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      statement.execute("attach " + SqlLiteral.of(duckdbStore) + " as duckdb_run (read_only)");
      statement.execute("attach " + SqlLiteral.of(sparkStore) + " as spark_run (read_only)");
      long rows =
          count(
              duckdb, "select count(*) from duckdb_run.features where version = ?", duckdbVersion);
      long sparkRows =
          count(duckdb, "select count(*) from spark_run.features where version = ?", duckdbVersion);
      String vectors = "select * exclude (computed_at) from %s.features where version = ?";
      long onlyDuckDb =
          count(
              duckdb,
              "select count(*) from ("
                  + vectors.formatted("duckdb_run")
                  + " except all "
                  + vectors.formatted("spark_run")
                  + ")",
              duckdbVersion);
      long onlySpark =
          count(
              duckdb,
              "select count(*) from ("
                  + vectors.formatted("spark_run")
                  + " except all "
                  + vectors.formatted("duckdb_run")
                  + ")",
              duckdbVersion);
      if (rows != sparkRows || onlyDuckDb > 0 || onlySpark > 0) {
        throw new BenchException(
            String.format(
                Locale.ROOT,
                "the engines computed different vectors for %s: duckdb %,d rows, spark %,d; %,d"
                    + " vectors only on duckdb, %,d only on spark (compare the two homes' features"
                    + " tables)",
                duckdbVersion,
                rows,
                sparkRows,
                onlyDuckDb,
                onlySpark));
      }
      return new Outcome(rows);
    } catch (SQLException e) {
      throw new BenchException(
          "could not compare the two stores "
              + duckdbStore
              + " and "
              + sparkStore
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static long count(Connection duckdb, String sql, String version) throws SQLException {
    int markers = (int) sql.chars().filter(c -> c == '?').count();
    try (PreparedStatement statement = duckdb.prepareStatement(sql)) {
      for (int i = 1; i <= markers; i++) {
        statement.setString(i, version);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
