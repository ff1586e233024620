<#--
description: The source rows that break a SPEC rule, set aside with their reason; they never reach a feature.
grain: one row per rejected source row
owner: data-platform
depends_on: flagged_events, event_audit
materialized: table
skip_when_empty: event_audit
-->
with final as (
    -- event_audit flags the id of every row that breaks a rule, so flagged_events holds them all. The time and the
    -- amount as the file holds them, so that the value that broke a rule can be seen
    select
        quarantine_reason, event_id, customer_id, event_type, <@sql.as_text "source_event_ts"/> as event_ts,
        <@sql.as_text "source_amount"/> as amount, channel
    from flagged_events
    where quarantine_reason is not null
)

select * from final
