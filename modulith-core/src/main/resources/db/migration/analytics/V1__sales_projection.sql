create table processed_events (
    event_key    varchar(100) primary key,
    processed_at timestamptz  not null
);

create table daily_sales (
    day      date           not null,
    currency varchar(3)     not null,
    orders   bigint         not null,
    revenue  numeric(16, 2) not null,
    primary key (day, currency)
);

create table category_sales (
    category varchar(64)    not null,
    currency varchar(3)     not null,
    units    bigint         not null,
    revenue  numeric(16, 2) not null,
    primary key (category, currency)
);

create table product_sales (
    sku      varchar(32)    not null,
    currency varchar(3)     not null,
    name     varchar(200)   not null,
    category varchar(64)    not null,
    units    bigint         not null,
    revenue  numeric(16, 2) not null,
    primary key (sku, currency)
);
