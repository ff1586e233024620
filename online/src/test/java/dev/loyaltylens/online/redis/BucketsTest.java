package dev.loyaltylens.online.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The bucket of an id is the number the README tells other languages to compute. */
class BucketsTest {

  @Test
  void a_bucket_is_the_first_eight_bytes_of_the_md5_little_endian_modulo_the_count() {
    // md5("abc") = 900150983cd24fb0...; 0xb04fd23c98500190 = 12704604231530709392, which is 392
    // modulo 1000.
    assertThat(Buckets.of("abc".getBytes(StandardCharsets.UTF_8), 1_000)).isEqualTo(392);
  }

  @Test
  void duckdb_computes_the_same_bucket_as_md5_number_upper() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select 'c' || i || '-é', md5_number_upper('c' || i || '-é') % 78125 from range(2000) t(i)")) {
      int rows = 0;
      while (rs.next()) {
        assertThat(Buckets.of(rs.getString(1).getBytes(StandardCharsets.UTF_8), 78_125))
            .isEqualTo(rs.getLong(2));
        rows++;
      }
      assertThat(rows).isEqualTo(2000);
    }
  }

  @Test
  void a_version_has_one_bucket_per_64_vectors_and_never_none() {
    assertThat(Buckets.countFor(0)).isEqualTo(1);
    assertThat(Buckets.countFor(64)).isEqualTo(1);
    assertThat(Buckets.countFor(65)).isEqualTo(2);
    assertThat(Buckets.countFor(5_000_000)).isEqualTo(78_125);
  }
}
