<#--
description: Whole days elapsed from the customer's last event in the lookback to the as-of instant, floor((as_of - last_event_at) / 24 h).
grain: one row per customer
unit: days
owner: growth-analytics
type: INTEGER
depends_on: customer_activity
checks:
  - not_null
  - range: [0, 180]
-->
with final as (
    select
        customer_id,
        -- whole elapsed days, not calendar-day boundaries: a day difference would count those
        cast(floor((<@sql.epoch_micros "cast(:as_of as timestamp)"/> - <@sql.epoch_micros "last_event_at"/>) / 86400000000) as integer) as recency_days
    from customer_activity
)

select * from final
