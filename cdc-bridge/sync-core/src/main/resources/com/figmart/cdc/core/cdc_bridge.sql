-- The bridge's own tables, created in every database it reads from or writes to (idempotent).
create schema if not exists cdc_bridge;

-- The source position of the last change applied (or dead-lettered) per mapping and row: an apply only
-- goes through when its change is newer, so replays and reordered duplicates change nothing.
create table if not exists cdc_bridge.applied_position (
    mapping    varchar(200) not null,
    row_key    text         not null,
    commit_lsn bigint       not null,
    event_lsn  bigint       not null,
    deleted    boolean      not null default false,
    applied_at timestamptz  not null default now(),
    primary key (mapping, row_key)
);

-- Changes the mapping could not convert or the target refused, with the reason; the bridge goes on.
create table if not exists cdc_bridge.dead_letter (
    id         bigserial    primary key,
    mapping    varchar(200) not null,
    row_key    text         not null,
    commit_lsn bigint       not null,
    event_lsn  bigint       not null,
    operation  varchar(16)  not null,
    payload    jsonb        not null,
    reason     text         not null,
    failed_at  timestamptz  not null default now()
);
create index if not exists dead_letter_mapping_key on cdc_bridge.dead_letter (mapping, row_key);

-- Written by Debezium's heartbeat action query and published with the captured tables, so that the
-- replication slot advances while the captured tables are quiet and other tables are busy.
create table if not exists cdc_bridge.heartbeat (
    engine  varchar(200) primary key,
    beat_at timestamptz  not null
);

-- Debezium's source offsets (Kafka Connect's offset key/value bytes), per engine.
create table if not exists cdc_bridge.source_offset (
    engine       varchar(200) not null,
    offset_key   bytea        not null,
    offset_value bytea,
    updated_at   timestamptz  not null default now(),
    primary key (engine, offset_key)
);

-- Which side is the system of record, per bridge: survives a restart of the bridge.
create table if not exists cdc_bridge.direction (
    bridge     varchar(200) primary key,
    direction  varchar(16)  not null,
    changed_at timestamptz  not null default now()
);
