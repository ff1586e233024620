<#--
description: 'One row per event id that event_audit flags and that has a clean copy: the earliest clean copy is kept, the other clean copies are dropped and counted (copies - 1).'
grain: one row per flagged event_id with a clean copy
owner: data-platform
depends_on: flagged_events, event_audit
materialized: table
skip_when_empty: event_audit
-->
with flagged_keys as (
    select event_key from event_audit where clean_copies > 0
),

candidates as (
    select *
    from flagged_events
    where event_key in (select event_key from flagged_keys)
      and quarantine_reason is null
),

ranked as (
    select
        *,
        count(*) over (partition by event_id) as copies,
        row_number() over (partition by event_id order by event_ts, customer_id, event_type, channel, amount nulls last) as copy_number
    from candidates
),

final as (
    select event_id, customer_id, event_type, event_ts, amount, channel, source_event_ts, source_amount, quarantine_reason, event_key, copies
    from ranked
    where copy_number = 1
)

select * from final
