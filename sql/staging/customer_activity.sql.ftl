<#--
description: One pass over the events of the lookback window (as_of - lookback_days <= event_ts < as_of), summarised per customer; features read this instead of scanning every event again.
grain: one row per customer with at least one event in the lookback
owner: data-platform
depends_on: clean_events
materialized: table
params:
  frequency_window_days: 30
  monetary_window_days: 90
-->
with window_events as (
    select *
    from clean_events
    where event_ts >= cast(:as_of as timestamp) - <@sql.days ":lookback_days"/>
      and event_ts < cast(:as_of as timestamp)
),

final as (
    select
        customer_id,
        max(event_ts) as last_event_at,
        count(*) filter (where event_ts >= cast(:as_of as timestamp) - <@sql.days ":frequency_window_days"/>) as events_frequency_window,
        -- summed as decimals: a sum of doubles depends on the order threads add them in, and a version must
        -- recompute to the same bits when it is reproduced. The conversion costs per row, so it is written inside
        -- the case, where only the purchases of the window reach it, rather than under a filter clause, whose
        -- argument the engine may compute for every row before filtering.
        cast(coalesce(sum(
            case
                when event_type = 'purchase' and event_ts >= cast(:as_of as timestamp) - <@sql.days ":monetary_window_days"/>
                    then <@sql.double_to_decimal "amount"/>
            end
        ), 0) as double) as purchase_amount_monetary_window,
        count(*) filter (where event_type = 'offer_view') as offer_views,
        count(*) filter (where event_type = 'redeem') as redeems,
        count(*) filter (where channel = 'in-store') as events_in_store,
        count(*) filter (where channel = 'mobile') as events_mobile,
        count(*) filter (where channel = 'web') as events_web
    from window_events
    group by customer_id
)

select * from final
