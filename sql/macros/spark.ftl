<#--
  The macro library for Spark SQL (4.x, ANSI mode, session time zone UTC): the same macros, with the same parameters,
  as sql/macros/duckdb.ftl, which says what each one means. Each one here yields the same values as DuckDB's.
-->
<#-- The Spark engine registers the run's event files (the same list DuckDB reads) as this view, schemas merged by name. -->
<#macro events>loyaltylens_events</#macro>
<#-- make_dt_interval is a day-time interval: whole days of 24 h, as DuckDB's to_days, never calendar days. -->
<#macro days count>make_dt_interval(cast(${count?no_esc} as integer))</#macro>
<#-- Spark's cast reads the double's shortest text (Java's Double.toString) and rounds it half up. -->
<#macro double_to_decimal value precision=38 scale=10>cast(${value?no_esc} as decimal(${precision?c}, ${scale?c}))</#macro>
<#macro epoch_micros timestamp>unix_micros(${timestamp?no_esc})</#macro>
<#--
  Spark's TIMESTAMP is an instant; a text is read with its offset, or in the session time zone (UTC) without one,
  and a TIMESTAMP_NTZ column (a Parquet time not marked UTC, as DuckDB writes TIMESTAMP) is taken as UTC the same way.
-->
<#macro utc_timestamp value>try_cast(${value?no_esc} as timestamp)</#macro>
<#-- regexp_like finds a match anywhere, as regexp_matches does. Spark's string literals read backslash escapes, so
     the backslash is escaped as well as the quote. -->
<#macro regex_contains text pattern>regexp_like(${text?no_esc}, '${pattern?replace("\\", "\\\\")?replace("'", "\\'")?no_esc}')</#macro>
<#-- xxhash64 is a 64-bit hash; Spark's hash() is a 32-bit Murmur3, which collides far more often. -->
<#macro hash64 value>xxhash64(${value?no_esc})</#macro>
