<#--
description: Weighted composite in [0, 1] of recency, frequency, spend and redemption, each capped at 1 before weighting.
grain: one row per customer
unit: score
owner: growth-analytics
type: DOUBLE
depends_on: recency_days, frequency_30d, monetary_90d, offer_redemption_rate
checks:
  - not_null
  - range: [0, 1]
params:
  recency_weight: 0.30
  recency_horizon_days: 90
  frequency_weight: 0.25
  frequency_cap_events: 20
  monetary_weight: 0.25
  monetary_cap: 100
  redemption_weight: 0.20
-->
with inputs as (
    select
        r.customer_id,
        r.recency_days,
        f.frequency_30d,
        m.monetary_90d,
        o.offer_redemption_rate
    from recency_days as r
    join frequency_30d as f using (customer_id)
    join monetary_90d as m using (customer_id)
    join offer_redemption_rate as o using (customer_id)
),

final as (
    select
        customer_id,
        cast(:recency_weight as double) * greatest(0.0, 1.0 - recency_days / cast(:recency_horizon_days as double))
            + cast(:frequency_weight as double) * least(1.0, frequency_30d / cast(:frequency_cap_events as double))
            + cast(:monetary_weight as double) * least(1.0, monetary_90d / cast(:monetary_cap as double))
            + cast(:redemption_weight as double) * offer_redemption_rate
            as engagement_score
    from inputs
)

select * from final
