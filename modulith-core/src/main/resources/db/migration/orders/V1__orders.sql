create table orders (
    id                uuid           primary key,
    customer_id       uuid           not null,
    status            varchar(16)    not null,
    checkout_step     varchar(24)    not null,
    total_amount      numeric(14, 2) not null,
    currency          varchar(3)     not null,
    payment_token     varchar(64)    not null,
    rejection_reason  varchar(500),
    tracking_number   varchar(16),
    placed_at         timestamptz    not null,
    confirmed_at      timestamptz,
    updated_at        timestamptz    not null,
    version           bigint         not null default 0
);

create index orders_customer on orders (customer_id);

create table order_lines (
    order_id   uuid           not null references orders (id) on delete cascade,
    line_no    integer        not null,
    sku        varchar(32)    not null,
    name       varchar(200)   not null,
    category   varchar(64)    not null,
    quantity   integer        not null check (quantity > 0),
    unit_price numeric(14, 2) not null,
    currency   varchar(3)     not null,
    primary key (order_id, line_no)
);

create table carts (
    id          uuid        primary key,
    customer_id uuid        not null,
    status      varchar(16) not null,
    order_id    uuid,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);

create table cart_items (
    cart_id  uuid        not null references carts (id) on delete cascade,
    sku      varchar(32) not null,
    quantity integer     not null check (quantity > 0)
);

create index cart_items_cart on cart_items (cart_id);

create table idempotency_keys (
    key         varchar(255) primary key,
    fingerprint varchar(64)  not null,
    order_id    uuid         not null,
    created_at  timestamptz  not null
);
