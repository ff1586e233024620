<#--
description: The source rows that break a SPEC rule, set aside with their reason; they never reach a feature.
grain: one row per rejected source row
owner: data-platform
depends_on: stg_events
materialized: table
-->
with final as (
    select quarantine_reason, event_id, customer_id, event_type, event_ts, amount, channel
    from stg_events
    where quarantine_reason is not null
)

select * from final
