create sequence tracking_numbers;

create table shipments (
    id              uuid        primary key,
    order_id        uuid        not null,
    customer_id     uuid        not null,
    tracking_number varchar(16) not null,
    status          varchar(16) not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null default 0,
    constraint shipments_one_per_order unique (order_id),
    constraint shipments_tracking_number_unique unique (tracking_number)
);
