package dev.loyaltylens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.store.DuckDbConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code bench engines} tells two stores' versions apart, on small store files. */
class VectorComparisonTest {

  private static final String VERSION = "v20261124T000000Z-1673a71b";

  @TempDir Path dir;

  /** A store file whose {@code features} table holds the given rows, computed at its own time. */
  private Path store(String name, String rows) throws Exception {
    Path file = dir.resolve(name + ".duckdb");
    try (Connection duckdb = DuckDbConnections.open("jdbc:duckdb:" + file);
        Statement statement = duckdb.createStatement()) {
      statement.execute(
          "create table features (customer_id varchar, version varchar, recency_days integer,"
              + " monetary_90d double, computed_at timestamp default current_timestamp)");
      statement.execute(
          "insert into features (customer_id, version, recency_days, monetary_90d) values " + rows);
    }
    return file;
  }

  @Test
  void the_same_vectors_computed_at_other_times_agree() throws Exception {
    Path duckdb =
        store("duckdb", "('c1', '" + VERSION + "', 3, 8.5), ('c2', '" + VERSION + "', 0, 0)");
    Thread.sleep(5);
    Path spark =
        store("spark", "('c2', '" + VERSION + "', 0, 0), ('c1', '" + VERSION + "', 3, 8.5)");

    assertThat(VectorComparison.of(duckdb, VERSION, spark, VERSION).rows()).isEqualTo(2);
  }

  @Test
  void one_value_off_by_its_last_bit_is_a_difference() throws Exception {
    Path duckdb =
        store("duckdb", "('c1', '" + VERSION + "', 3, 8.5), ('c2', '" + VERSION + "', 0, 0)");
    Path spark =
        store(
            "spark",
            "('c1', '" + VERSION + "', 3, 8.500000000000002), ('c2', '" + VERSION + "', 0, 0)");

    assertThatThrownBy(() -> VectorComparison.of(duckdb, VERSION, spark, VERSION))
        .isInstanceOf(BenchException.class)
        .hasMessageStartingWith(
            "the engines computed different vectors for "
                + VERSION
                + ": duckdb 2 rows, spark 2; 1 vectors only on duckdb, 1 only on spark");
  }

  @Test
  void a_missing_customer_is_a_difference() throws Exception {
    Path duckdb =
        store("duckdb", "('c1', '" + VERSION + "', 3, 8.5), ('c2', '" + VERSION + "', 0, 0)");
    Path spark = store("spark", "('c1', '" + VERSION + "', 3, 8.5)");

    assertThatThrownBy(() -> VectorComparison.of(duckdb, VERSION, spark, VERSION))
        .hasMessageContaining("duckdb 2 rows, spark 1; 1 vectors only on duckdb, 0 only on spark");
  }

  @Test
  void other_version_ids_are_named_before_any_value_is_read() {
    Path nowhere = dir.resolve("none.duckdb");

    assertThatThrownBy(
            () -> VectorComparison.of(nowhere, VERSION, nowhere, "v20261124T000000Z-00000000"))
        .isInstanceOf(BenchException.class)
        .hasMessageStartingWith(
            "the engines computed different versions: duckdb "
                + VERSION
                + ", spark v20261124T000000Z-00000000");
  }
}
