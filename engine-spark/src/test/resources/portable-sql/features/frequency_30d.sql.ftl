<#--
description: Number of events of any type in the 30 days before the as-of instant (event_ts >= as_of - 30 days).
grain: one row per customer
unit: events
owner: growth-analytics
type: INTEGER
depends_on: customer_activity
checks:
  - not_null
  - range: [0, 1000000]
-->
with final as (
    select
        customer_id,
        cast(events_frequency_window as integer) as frequency_30d
    from customer_activity
)

select * from final
