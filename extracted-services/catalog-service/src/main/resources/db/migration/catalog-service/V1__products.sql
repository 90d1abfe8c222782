-- catalog-service's own model: a product is a document. Fields every query needs are columns; the rest
-- (description, category, free-form attributes) live in one JSONB document, searched with full-text search.
create table products (
    sku        varchar(32)    primary key,
    title      varchar(200)   not null check (title <> ''),
    details    jsonb          not null default '{}'::jsonb check (jsonb_typeof(details) = 'object'),
    price      numeric(14, 2) not null check (price >= 0),
    currency   char(3)        not null check (currency ~ '^[A-Z]{3}$'),
    listed     boolean        not null default true,
    created_at timestamptz    not null,
    updated_at timestamptz    not null,
    revision   bigint         not null default 0,
    search     tsvector generated always as (
                   setweight(to_tsvector('simple', title), 'A')
                   || setweight(to_tsvector('simple', coalesce(details ->> 'category', '')), 'B')
                   || setweight(to_tsvector('simple', coalesce(details ->> 'description', '')), 'C')
               ) stored
);

create index products_search on products using gin (search);
create index products_category on products ((details ->> 'category'));
create index products_title on products (lower(title));
create index products_details on products using gin (details jsonb_path_ops);
