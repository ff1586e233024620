<#--
  The macro library for DuckDB, the embedded default. Every template reaches it as sql.NAME; sql/macros/spark.ftl
  implements the same macros, with the same parameters, for Spark SQL, and rendering picks the library of the engine
  that runs the query. A template calls the concept, never an engine's spelling of it, and stays one file for both.

  Arguments are SQL text the template writes (an expression, a :name parameter), never a value: values stay bound.
  docs/ADDING_A_FEATURE.md lists the macros and what to write directly because both engines read it alike.
-->
<#-- The run's events: every Parquet file of the events folder, columns matched by name across files. -->
<#macro events>read_parquet(:event_files, hive_partitioning = false, union_by_name = true)</#macro>
<#-- An interval of whole days (each 24 h), to add to or take from a timestamp; count is an integer expression. -->
<#macro days count>to_days(cast(${count?no_esc} as integer))</#macro>
<#--
  A DOUBLE as the DECIMAL(precision, scale) its shortest decimal text reads, rounded half up. Spark casts a double
  that way; DuckDB's own cast multiplies by 10^scale in floating point, which from about 900,720 on leaves noise in the
  last digits (626210059.9318151 becomes 626210059.9318151168), so the text is how both engines get the same decimal.
  Decimals add up to the same bits in any order.
  Writing the text costs per row, so a value that is a whole number of cents takes a shortcut: when DuckDB's
  DECIMAL(15, 2) of it reads back as the same double, the value is the double nearest that number of cents, and below
  1e13 doubles lie closer together than a cent, so that number of cents is also its shortest text. Any other value
  (more decimals, 1e13 and above, NaN) goes through the text.
-->
<#macro double_to_decimal value precision=38 scale=10><#if scale gte 2>case
                when try_cast(try_cast(${value?no_esc} as decimal(15, 2)) as double) = ${value?no_esc}
                    then cast(try_cast(${value?no_esc} as decimal(15, 2)) as decimal(${precision?c}, ${scale?c}))
                else cast(cast(${value?no_esc} as varchar) as decimal(${precision?c}, ${scale?c}))
            end<#else>cast(cast(${value?no_esc} as varchar) as decimal(${precision?c}, ${scale?c}))</#if></#macro>
<#-- Microseconds from 1970-01-01 00:00 UTC to a timestamp, as a BIGINT: differences of two are exact durations. -->
<#macro epoch_micros timestamp>epoch_us(${timestamp?no_esc})</#macro>
<#--
  An instant as a UTC timestamp, from a TIMESTAMP (UTC already), a TIMESTAMPTZ, or a text with or without an offset
  (without one it is UTC); null when the value is not a time. The TIMESTAMP branch comes first: casting it through
  TIMESTAMPTZ costs a time-zone lookup per row.
-->
<#macro utc_timestamp value>case
            when typeof(${value?no_esc}) in ('TIMESTAMP', 'TIMESTAMP_NS', 'TIMESTAMP_MS', 'TIMESTAMP_S') then try_cast(${value?no_esc} as timestamp)
            else make_timestamp(epoch_us(try_cast(${value?no_esc} as timestamptz)))
        end</#macro>
<#--
  Whether a text has a match of a regular expression anywhere in it. pattern is the expression itself, not SQL:
  the library writes it as each engine's string literal. Keep to what RE2 and Java read alike: classes, anchors,
  quantifiers, alternation; no look-around or back-references.
-->
<#macro regex_contains text pattern>regexp_matches(${text?no_esc}, '${pattern?replace("'", "''")?no_esc}')</#macro>
<#--
  A 64-bit hash, for grouping or joining on a long key cheaply. Engines compute different values, so a hash is never
  published, stored or compared across engines, and equal hashes are confirmed on the values themselves.
-->
<#macro hash64 value>hash(${value?no_esc})</#macro>
<#--
  A source value as text, for the rows set aside, as the file holds it: a text as it is, a number or a time in DuckDB's
  spelling (1e+16, 1.5e-05, nan, inf; 2026-11-23 23:59:59.5, with +00 for a TIMESTAMPTZ). Spark's library writes
  the same text, so a quarantined row reads alike whichever engine set it aside.
-->
<#macro as_text value>cast(${value?no_esc} as varchar)</#macro>
