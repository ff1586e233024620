-- Training/serving consistency: every `consistency` run's comparison of logged lookups with the training set.

create table consistency_runs (
    ran_at       timestamp not null,
    since        timestamp not null,   -- the earliest logged lookup the run read
    until_at     timestamp,            -- the latest one; null when there was none
    lookups      bigint    not null,   -- logged answers compared
    unexplained  bigint    not null,   -- answers that neither match their version nor fall in a publish's lag
    report       varchar   not null    -- JSON: per feature matched, lag, differ, missing; per version its lag
);
