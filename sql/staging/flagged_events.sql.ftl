<#--
description: 'Every source row of an event id that event_audit flags, read from the events in one pass: first_of_duplicates and quarantined_events sort these rows out without reading every event again each.'
grain: one row per source row of a flagged event id
owner: data-platform
depends_on: stg_events, event_audit
materialized: table
skip_when_empty: event_audit
-->
with flagged_keys as (
    select event_key from event_audit
),

final as (
    select *
    from stg_events
    where event_key in (select event_key from flagged_keys)
)

select * from final
