<#--
description: 'The events features read: clean rows, each event id once.'
grain: one row per event
owner: data-platform
depends_on: stg_events, event_audit, first_of_duplicates
materialized: ephemeral
-->
with repeated_keys as (
    select event_key from event_audit where clean_copies > 1
),

unique_events as (
    select event_id, customer_id, event_type, event_ts, amount, channel
    from stg_events
    where quarantine_reason is null
      and event_key not in (select event_key from repeated_keys)
),

kept_duplicates as (
    select event_id, customer_id, event_type, event_ts, amount, channel
    from first_of_duplicates
),

final as (
    select * from unique_events
    union all
    select * from kept_duplicates
)

select * from final
