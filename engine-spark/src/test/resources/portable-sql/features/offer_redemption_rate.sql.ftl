<#--
description: min(1, redeems / offer views) over the lookback; 0 when the customer saw no offer.
grain: one row per customer
unit: ratio
owner: offers-team
type: DOUBLE
depends_on: customer_activity
checks:
  - not_null
  - range: [0, 1]
-->
with final as (
    select
        customer_id,
        case
            when offer_views = 0 then 0.0
            else least(1.0, redeems / offer_views)
        end as offer_redemption_rate
    from customer_activity
)

select * from final
