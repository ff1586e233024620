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
<#--
  DuckDB's text of a value (see sql/macros/duckdb.ftl), from Java's: a DOUBLE is written in fixed notation from 1e-4
  to below 1e16 and in DuckDB's exponent form outside it, with nan and inf; a TIMESTAMP (an instant, DuckDB's
  TIMESTAMPTZ) ends in +00, and a TIMESTAMP_NTZ reads as DuckDB's TIMESTAMP already. Java 17 prints a few doubles with
  other digits than the shortest (2e23 as 1.9999999999999998E23, 5e-324 as 4.9E-324), so those alone read otherwise. The double is
  read back from its text because Spark refuses some casts (a TIMESTAMP_NTZ to a number) even in a branch not taken.
-->
<#macro as_text value><#local d = "try_cast(cast(" + value + " as string) as double)"><#local e = "try_cast(substring_index(cast(" + d + " as string), 'E', -1) as int)">case
            when typeof(${value?no_esc}) = 'double' then case
                when isnan(${d?no_esc}) then 'nan'
                when ${d?no_esc} = cast('Infinity' as double) then 'inf'
                when ${d?no_esc} = cast('-Infinity' as double) then '-inf'
                when ${d?no_esc} = 0 or (abs(${d?no_esc}) >= 0.001 and abs(${d?no_esc}) < 10000000) then cast(${d?no_esc} as string)
                when abs(${d?no_esc}) >= 0.0001 and abs(${d?no_esc}) < 10000000000000000
                    then regexp_replace(regexp_replace(cast(cast(${d?no_esc} as decimal(38, 21)) as string), '0+$', ''), '[.]$', '.0')
                else concat(
                    regexp_replace(substring_index(cast(${d?no_esc} as string), 'E', 1), '[.]0$', ''),
                    case when ${e?no_esc} < 0 then 'e-' else 'e+' end,
                    case when abs(${e?no_esc}) < 10 then '0' else '' end,
                    cast(abs(${e?no_esc}) as string))
            end
            when typeof(${value?no_esc}) = 'timestamp' then concat(cast(${value?no_esc} as string), '+00')
            else cast(${value?no_esc} as string)
        end</#macro>
