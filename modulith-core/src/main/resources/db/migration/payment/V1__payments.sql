create table payments (
    id                 uuid           primary key,
    order_id           uuid           not null,
    amount             numeric(14, 2) not null check (amount >= 0),
    currency           varchar(3)     not null,
    status             varchar(16)    not null,
    authorization_code varchar(64),
    decline_reason     varchar(500),
    created_at         timestamptz    not null,
    updated_at         timestamptz    not null,
    version            bigint         not null default 0,
    -- idempotent per order: a second authorisation cannot be written
    constraint payments_one_per_order unique (order_id)
);
