<#--
description: Hashes of event ids seen more than once among clean rows; hashing keeps this pass over every event cheap, and first_of_duplicates then compares the ids themselves.
grain: one row per repeated event_key
owner: data-platform
depends_on: stg_events
materialized: table
-->
with clean as (
    select event_key from stg_events where quarantine_reason is null
),

final as (
    select event_key, count(*) as copies
    from clean
    group by event_key
    having count(*) > 1
)

select * from final
