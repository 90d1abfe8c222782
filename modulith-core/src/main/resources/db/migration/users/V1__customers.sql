create table customers (
    id            uuid         primary key,
    email         varchar(254) not null,
    name          varchar(200) not null,
    region        varchar(8)   not null,
    registered_at timestamptz  not null,
    version       bigint       not null default 0,
    constraint customers_email_unique unique (email)
);

create table addresses (
    id          uuid         primary key,
    customer_id uuid         not null references customers (id) on delete cascade,
    label       varchar(40)  not null,
    line1       varchar(200) not null,
    line2       varchar(200) not null default '',
    city        varchar(100) not null,
    postal_code varchar(20)  not null,
    country     varchar(2)   not null
);

create index addresses_customer on addresses (customer_id);
