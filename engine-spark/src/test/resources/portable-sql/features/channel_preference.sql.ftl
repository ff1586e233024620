<#--
description: The channel with the most events in the lookback; a tie goes to the alphabetically first channel (in-store, then mobile, then web).
grain: one row per customer
unit: channel
owner: channel-marketing
type: VARCHAR
depends_on: customer_activity
checks:
  - not_null
  - accepted_values: [in-store, mobile, web]
-->
with final as (
    select
        customer_id,
        -- the branches are in alphabetical order, so the first maximum wins a tie
        case greatest(events_in_store, events_mobile, events_web)
            when events_in_store then 'in-store'
            when events_mobile then 'mobile'
            else 'web'
        end as channel_preference
    from customer_activity
)

select * from final
