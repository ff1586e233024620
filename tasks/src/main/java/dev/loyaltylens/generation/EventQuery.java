package dev.loyaltylens.generation;

import dev.loyaltylens.store.SqlLiteral;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The SQL that turns row numbers into events, and the DuckDB session it runs in. */
final class EventQuery {

  /**
   * Caps DuckDB's native memory; the query streams, so it stays far below (about 1 GB at 50M
   * events).
   */
  private static final String MEMORY_LIMIT = "4GB";

  private static final List<String> MACROS =
      List.of(
          // One hash of (seed, row, salt) is not enough: DuckDB combines the arguments with a final
          // xor, so two
          // salts would give draws that differ by a constant. Hashing again mixes them into
          // independent draws.
          "create or replace temp macro draw(key, salt) as hash(xor(key, salt::ubigint))",
          // the top 53 bits as a double in [0, 1)
          "create or replace temp macro unit(bits) as (bits >> 11)::double / 9007199254740992.0",
          // x * 266800464311353 mod 2^48, a bijection (the factor is odd) that keeps ids unique
          // while scattering
          // them; computed in 24-bit halves because DuckDB integers raise on overflow instead of
          // wrapping
          """
          create or replace temp macro mul48(x) as
            ((x & 16777215) * 15119417
             + ((((x & 16777215) * 15902546 + (x >> 24) * 15119417) & 16777215) << 24)) & 281474976710655
          """,
          // a version-4 UUID: 48 bits of hi, the version nibble, 12 bits of hi, the variant bits,
          // 14 bits of lo
          // and a 48-bit tail
          """
          create or replace temp macro uuid_text(hi, lo, tail) as
            ((((hi >> 16) << 16) | 16384 | (hi & 4095))::uhugeint << 64
             | (9223372036854775808 | ((lo >> 50) << 48) | tail::ubigint)::uhugeint)::uuid::varchar
          """);

  /**
   * The events of the rows in {@code chunk_rows}. Rows 2k and 2k+1 form a pair; a fifth of the
   * pairs are an offer_view and its redeem, which is how redemptions follow offers without a join.
   * Times are whole seconds computed in epoch microseconds.
   */
  private static final String EVENTS =
      """
      with
      settings as (
        select
          ?::bigint as seed,
          ?::bigint as customer_count,
          ?::bigint as as_of_us,
          ?::bigint as window_s
      ),
      keyed as (
        select
          *,
          -- per-seed masks over the 48-bit id tails, so two seeds do not share ids
          hash(seed, 4) & 281474976710655 as event_tail_mask,
          hash(seed, 5) & 281474976710655 as customer_tail_mask
        from settings
      ),
      event_rows as (
        select
          r.i,
          r.i % 2 as slot,
          s.seed,
          s.customer_count,
          s.as_of_us,
          s.window_s,
          s.event_tail_mask,
          s.customer_tail_mask,
          s.as_of_us - s.window_s * 1000000 as start_us,
          hash(s.seed, r.i, 1) as row_key,
          hash(s.seed, r.i // 2, 2) as pair_key
        from chunk_rows as r
        cross join keyed as s
      ),
      draws as (
        select
          i, slot, seed, customer_count, as_of_us, window_s, start_us, event_tail_mask, customer_tail_mask,
          unit(draw(pair_key, 1)) < 0.20 as is_offer_pair,
          unit(draw(pair_key, 2)) as u_offer_at,
          unit(draw(pair_key, 3)) as u_delay,
          unit(draw(pair_key, 4)) as u_late,
          unit(draw(pair_key, 5)) as u_pair_customer,
          unit(draw(row_key, 1)) as u_type,
          unit(draw(row_key, 2)) as u_customer,
          unit(draw(row_key, 3)) as u_at,
          unit(draw(row_key, 4)) as u_peak,
          unit(draw(row_key, 5)) as u_peak_at,
          unit(draw(row_key, 6)) as u_amount,
          unit(draw(row_key, 7)) as u_channel,
          draw(row_key, 8) as event_hi,
          draw(row_key, 9) as event_lo
        from event_rows
      ),
      typed as (
        select
          *,
          case
            when is_offer_pair then case slot when 0 then 'offer_view' else 'redeem' end
            -- the pairs hold 10% offer views and 10% redeems; the other 80% of rows make up the rest of the mix
            when u_type < 0.35 / 0.80 then 'purchase'
            when u_type < 0.75 / 0.80 then 'app_open'
            else 'offer_view'
          end as event_type,
          case
            -- the first rows visit every customer once, so the whole population has events
            when is_offer_pair and i - slot < customer_count then i - slot
            when not is_offer_pair and i < customer_count then i
            -- then a mild skew: low indices are the frequent customers (the hashed ids do not show it)
            else least(
              customer_count - 1,
              floor(customer_count * pow(if(is_offer_pair, u_pair_customer, u_customer), 1.5))
            )::bigint
          end as customer_index,
          -- 90% redeem within 3 days (sooner more often), the rest within 14; windows under 28 days shrink the
          -- delay so that the offer and its redeem both fit
          greatest(1, ceil(
            least(1.0, window_s / 2419200.0)
            * case when u_late < 0.9 then 259200 * u_delay * u_delay else 259200 + 950400 * u_delay end))::bigint
            as delay_s
        from draws
      ),
      timed as (
        select
          *,
          hash(seed, customer_index, 3) as customer_key,
          start_us + floor(u_at * window_s)::bigint * 1000000 as uniform_us,
          -- the offer is early enough for its redeem, delay_s later, to fall before the as-of
          start_us + (floor(u_offer_at * (window_s - delay_s))::bigint + slot * delay_s) * 1000000 as offer_us
        from typed
      ),
      weeks as (
        select
          *,
          -- Monday 00:00 UTC of the row's week (1970-01-05 was a Monday; the modulo is kept non-negative)
          uniform_us - ((uniform_us - 345600000000) % 604800000000 + 604800000000) % 604800000000 as monday_us
        from timed
      ),
      peaked as (
        select
          *,
          case
            when is_offer_pair then offer_us
            -- a tenth of the app opens move to 06:00-11:00 UTC on the Monday of their week
            when event_type = 'app_open' and u_peak < 0.10
              then monday_us + (21600 + floor(u_peak_at * 18000)::bigint) * 1000000
            -- a tenth of the purchases move to 12:00-18:00 UTC on the Friday of their week
            when event_type = 'purchase' and u_peak < 0.10
              then monday_us + (388800 + floor(u_peak_at * 21600)::bigint) * 1000000
            else uniform_us
          end as peak_us
        from weeks
      ),
      final as (
        select
          uuid_text(event_hi, event_lo, xor(mul48(i), event_tail_mask)) as event_id,
          uuid_text(draw(customer_key, 1), draw(customer_key, 2), xor(mul48(customer_index), customer_tail_mask))
            as customer_id,
          event_type,
          -- a peak slot outside the window (a week cut by its edge) keeps the uniform time
          make_timestamp(case when peak_us >= start_us and peak_us < as_of_us then peak_us else uniform_us end)
            as event_ts,
          case when event_type = 'purchase' then round(-8.5 * ln(1 - u_amount), 2) end as amount,
          case when u_channel < 0.55 then 'mobile' when u_channel < 0.75 then 'web' else 'in-store' end as channel
        from peaked
      )
      select * from final
      """;

  private EventQuery() {}

  /** Sets up a fresh in-memory session: bounded memory, every core, and the macros. */
  static void configure(Connection duckdb, Path spillDirectory) throws SQLException {
    try (Statement statement = duckdb.createStatement()) {
      statement.execute("set memory_limit = '" + MEMORY_LIMIT + "'");
      statement.execute("set threads = " + Runtime.getRuntime().availableProcessors());
      // rows leave in row-number order, which makes the files byte-identical whatever the thread
      // count
      statement.execute("set preserve_insertion_order = true");
      // an in-memory database would otherwise spill into the working directory
      statement.execute("set temp_directory = " + SqlLiteral.of(spillDirectory));
      for (String macro : MACROS) {
        statement.execute(macro);
      }
    }
  }

  /** Writes the events of rows [from, to) to one Parquet file. */
  static void write(Connection duckdb, GeneratorSettings settings, long from, long to, Path file)
      throws SQLException {
    // range() is read by a single thread; a table is scanned by all of them
    try (PreparedStatement rows =
        duckdb.prepareStatement(
            "create or replace temp table chunk_rows as select range as i from range(?, ?)")) {
      rows.setLong(1, from);
      rows.setLong(2, to);
      rows.execute();
    }
    String copy =
        "copy ("
            + EVENTS
            + ") to "
            + SqlLiteral.of(file)
            + " (format parquet, compression zstd, compression_level 1)";
    try (PreparedStatement events = duckdb.prepareStatement(copy)) {
      events.setLong(1, settings.seed());
      events.setLong(2, settings.customers());
      events.setLong(3, settings.asOfMicros());
      events.setLong(4, settings.days() * 86_400L);
      events.execute();
    }
  }
}
