package dev.loyaltylens.store;

import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A feature column of the {@code features} table, as the Flyway migrations declare it.
 *
 * @param name the column name, which is also the feature's name
 * @param type the DuckDB type, such as {@code INTEGER}, {@code DOUBLE} or {@code VARCHAR}
 */
public record FeatureColumn(String name, String type) {

  /** Columns of the table that are bookkeeping, not features. */
  public static final Set<String> BOOKKEEPING = Set.of("customer_id", "version", "computed_at");

  static List<FeatureColumn> of(Handle handle) {
    return handle
        .createQuery(
            """
            select column_name, data_type
            from information_schema.columns
            where table_schema = 'main' and table_name = 'features'
            order by ordinal_position
            """)
        .map((rs, ctx) -> new FeatureColumn(rs.getString(1), rs.getString(2)))
        .stream()
        .filter(column -> !BOOKKEEPING.contains(column.name()))
        .toList();
  }
}
