<#--
description: Sum of purchase amounts in the 90 days before the as-of instant (event_ts >= as_of - 90 days); 0 when there is none.
grain: one row per customer
unit: currency units
owner: growth-analytics
type: DOUBLE
depends_on: customer_activity
checks:
  - not_null
  - range: [0, 1000000000]
-->
with final as (
    select
        customer_id,
        cast(purchase_amount_monetary_window as double) as monetary_90d
    from customer_activity
)

select * from final
