<#--
description: 'The event ids that need a second look: repeated ones, and ones with a row that breaks a rule. One pass over every event finds both, so that the passes after it can skip clean, unique events cheaply. Ids are compared by hash here; first_of_duplicates compares the ids themselves.'
grain: one row per event_key that repeats or has a rule-breaking row
owner: data-platform
depends_on: stg_events
materialized: table
-->
with checked as (
    select
        event_key,
        <#include "row_checks.ftl"> as quarantine_reason
    from stg_events
),

final as (
    select
        event_key,
        count(*) as copies,
        count(*) filter (where quarantine_reason is null) as clean_copies,
        count(*) filter (where quarantine_reason is not null) as rule_breaking_copies
    from checked
    group by event_key
    having count(*) > 1 or count(*) filter (where quarantine_reason is not null) > 0
)

select * from final
