<#--
  The events contract's row checks: the first SPEC rule a typed event row (stg_events' columns) breaks, or null when
  it breaks none. event_audit checks every row with it, flagged_events only the rows of the ids it keeps, so that
  the rules are written once. The order of the rules is the order the contract lists them: a row gets the first.
-->
case
            when event_id is null or event_id = '' then 'event_id missing'
            when customer_id is null or customer_id = '' then 'customer_id missing'
            when length(customer_id) > 64 then 'customer_id longer than 64 characters'
            when <@sql.regex_contains "customer_id" "[^A-Za-z0-9_-]"/> then 'customer_id has characters outside [A-Za-z0-9_-]'
            when event_type is null or event_type not in ('purchase', 'app_open', 'offer_view', 'redeem') then 'event_type not one of purchase, app_open, offer_view, redeem'
            when source_event_ts is null then 'event_ts missing'
            when event_ts is null then 'event_ts is not a timestamp'
            when event_type = 'purchase' and source_amount is null then 'purchase without amount'
            when event_type = 'purchase' and amount is null then 'purchase amount is not a number'
            when event_type = 'purchase' and isnan(amount) then 'purchase amount is NaN'
            when event_type = 'purchase' and abs(amount) = cast('Infinity' as double) then 'purchase amount is infinite'
            when event_type = 'purchase' and amount < 0 then 'purchase with negative amount'
            -- spend is summed as DECIMAL(38, 10), whose largest value is just under 1e28: with every amount at
            -- most 1e9, no customer's sum can reach it, even over 2^63 events
            when event_type = 'purchase' and amount > 1000000000 then 'purchase amount above 1,000,000,000'
            when event_type <> 'purchase' and source_amount is not null then 'amount on a non-purchase event'
            when channel is null or channel not in ('mobile', 'web', 'in-store') then 'channel not one of mobile, web, in-store'
        end