create table stock_items (
    sku      varchar(32) primary key,
    on_hand  integer     not null,
    reserved integer     not null,
    version  bigint      not null default 0,
    -- stock never goes negative, whatever the code does
    constraint stock_items_on_hand_not_negative check (on_hand >= 0),
    constraint stock_items_reserved_within_on_hand check (reserved >= 0 and reserved <= on_hand)
);

create table reservations (
    id         uuid        primary key,
    order_id   uuid        not null,
    status     varchar(16) not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    version    bigint      not null default 0,
    constraint reservations_one_per_order unique (order_id)
);

create index reservations_held_by_expiry on reservations (expires_at) where status = 'HELD';

create table reservation_lines (
    reservation_id uuid        not null references reservations (id) on delete cascade,
    sku            varchar(32) not null,
    quantity       integer     not null check (quantity > 0)
);

create index reservation_lines_reservation on reservation_lines (reservation_id);
