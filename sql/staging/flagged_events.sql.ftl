<#--
description: 'Every source row of an event id that event_audit flags, read from the events in one pass and checked against the rules of sql/staging/row_checks.ftl: first_of_duplicates and quarantined_events sort these rows out without reading every event again each.'
grain: one row per source row of a flagged event id
owner: data-platform
depends_on: stg_events, event_audit
materialized: table
skip_when_empty: event_audit
-->
with flagged_keys as (
    select event_key from event_audit
),

-- the rows of the flagged ids first, and the row checks on those alone: checking every event again before keeping
-- these would cost as much as event_audit's own pass
flagged_rows as (
    select *
    from stg_events
    where event_key in (select event_key from flagged_keys)
),

final as (
    select
        *,
        <#include "row_checks.ftl"> as quarantine_reason
    from flagged_rows
)

select * from final
