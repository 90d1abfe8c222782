-- The gateway's routing rules and the audit of every change to them.

create table rules (
	id         text        primary key,
	methods    jsonb       not null default '[]',
	pattern    text        not null,
	mode       text        not null,
	target     text        not null,
	policy     jsonb       not null default '{}',
	version    bigint      not null check (version >= 1),
	updated_at timestamptz not null,
	updated_by text        not null
);

-- Append-only. Its highest seq is what every gateway instance polls to notice a change; changes are
-- serialised by a transaction-scoped advisory lock, so seq order is commit order and no change can
-- become visible below a seq an instance has already seen.
create table rule_changes (
	seq          bigserial   primary key,
	rule_id      text        not null,
	action       text        not null check (action in ('CREATE', 'UPDATE', 'DELETE')),
	from_rule    jsonb,
	to_rule      jsonb,
	actor        text        not null,
	automatic    boolean     not null default false,
	reason       text        not null,
	measurements jsonb,
	at           timestamptz not null default now()
);

create index rule_changes_by_rule on rule_changes (rule_id, seq desc);
