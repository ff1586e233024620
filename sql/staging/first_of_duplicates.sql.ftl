<#--
description: One row per duplicated event id: the earliest copy is kept, the others are dropped and counted.
grain: one row per duplicated event_id
owner: data-platform
depends_on: stg_events, duplicate_event_keys
materialized: table
-->
with candidates as (
    select *
    from stg_events
    where quarantine_reason is null
      and event_key in (select event_key from duplicate_event_keys)
),

ranked as (
    select
        *,
        count(*) over (partition by event_id) as copies,
        row_number() over (partition by event_id order by event_ts, customer_id, event_type, channel, amount) as copy_number
    from candidates
),

final as (
    select * exclude (copy_number) from ranked where copy_number = 1
)

select * from final
