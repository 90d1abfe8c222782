-- Spring Modulith's JPA event publication registry (2.0 layout), and its archive.
create table event_publication (
    id                     uuid         primary key,
    publication_date       timestamptz  not null,
    listener_id            varchar(512) not null,
    serialized_event       text         not null,
    event_type             varchar(512) not null,
    completion_date        timestamptz,
    last_resubmission_date timestamptz,
    completion_attempts    integer      not null default 0,
    status                 varchar(20)
);

create index event_publication_incomplete on event_publication (publication_date) where completion_date is null;

create table event_publication_archive (like event_publication including all);
