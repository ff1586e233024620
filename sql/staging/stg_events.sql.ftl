<#--
description: Every source event, typed, with the hash of its id in event_key; the row checks of sql/staging/row_checks.ftl are applied by event_audit and flagged_events.
grain: one row per source row
owner: data-platform
requires_columns: event_id, customer_id, event_type, event_ts, amount, channel
materialized: ephemeral
-->
with source as (
    select
        cast(event_id as string)      as event_id,
        cast(customer_id as string)   as customer_id,
        cast(event_type as string)    as event_type,
        -- one instant whatever the column's type: a TIMESTAMP, a TIMESTAMPTZ, or a text with or without an offset
        <@sql.utc_timestamp "event_ts"/> as event_ts,
        try_cast(amount as double)    as amount,
        cast(channel as string)       as channel,
        -- as the file holds them, for the rows set aside
        event_ts                      as source_event_ts,
        amount                        as source_amount
    from <@sql.events/>
),

keyed as (
    select
        *,
        <@sql.hash64 "event_id"/> as event_key
    from source
),

final as (
    select * from keyed
)

select * from final
