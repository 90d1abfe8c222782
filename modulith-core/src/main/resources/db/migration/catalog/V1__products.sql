create table products (
    sku            varchar(32)    primary key,
    name           varchar(200)   not null,
    description    varchar(2000)  not null default '',
    price_amount   numeric(14, 2) not null check (price_amount >= 0),
    price_currency varchar(3)     not null,
    category       varchar(64)    not null,
    active         boolean        not null default true,
    created_at     timestamptz    not null,
    updated_at     timestamptz    not null,
    version        bigint         not null default 0
);

create index products_category on products (category);
create index products_name on products (lower(name));
