-- The store's schema. Migrations are immutable once landed: roll forward with a new file.

-- One row per computed version: what went in, what came out, and where it stands.
create table feature_registry (
    version            varchar primary key,
    as_of              timestamp not null,   -- UTC instant the features are computed as of
    lookback_days      integer   not null,
    status             varchar   not null,   -- computed | validated | failed | published
    row_count          bigint    not null,
    sql_hash           varchar   not null,   -- sha-256 of the rendered SQL of every template
    input_fingerprint  varchar   not null,   -- sha-256 over the input files' names, sizes and contents
    input_location     varchar   not null,   -- the events folder the version was computed from
    staging_report     varchar   not null,   -- JSON: rows read, kept, duplicates, quarantined by reason
    validation_report  varchar,              -- JSON: the last gate run on this version
    created_at         timestamp not null,
    validated_at       timestamp,
    published_at       timestamp
);

-- Feature vectors: one row per customer and version; immutable once the version is published.
create table features (
    customer_id            varchar   not null,
    version                varchar   not null,
    recency_days           integer,
    frequency_30d          integer,
    monetary_90d           double,
    offer_redemption_rate  double,
    channel_preference     varchar,
    engagement_score       double,
    computed_at            timestamp not null
);

-- Every gate run, passed or failed, in the order it ran.
create table validation_runs (
    version   varchar   not null,
    ran_at    timestamp not null,
    passed    boolean   not null,
    report    varchar   not null
);

-- Events set aside by staging, with the rule they broke.
create table quarantine (
    version      varchar not null,
    reason       varchar not null,
    event_id     varchar,
    customer_id  varchar,
    event_type   varchar,
    event_ts     varchar,
    amount       varchar,
    channel      varchar
);
