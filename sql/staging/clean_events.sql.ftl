<#--
description: 'The events features read: clean rows, each event id once. An event whose id event_audit does not flag is clean and the only copy of its id, so it is kept without checking its rules again; of the flagged ids, first_of_duplicates has the copy that stays.'
grain: one row per event
owner: data-platform
depends_on: stg_events, event_audit, first_of_duplicates
materialized: ephemeral
# with no flagged id every event is clean and the only copy of its id: the events are read without looking
# their ids up (in a clean run, the common case)
pass_through: stg_events
pass_through_when_empty: event_audit
-->
with flagged_keys as (
    select event_key from event_audit
),

unique_events as (
    select event_id, customer_id, event_type, event_ts, amount, channel
    from stg_events
    where event_key not in (select event_key from flagged_keys)
),

kept_copies as (
    select event_id, customer_id, event_type, event_ts, amount, channel
    from first_of_duplicates
),

final as (
    select * from unique_events
    union all
    select * from kept_copies
)

select * from final
