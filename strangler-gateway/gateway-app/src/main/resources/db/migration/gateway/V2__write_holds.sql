-- Write holds: while a rule is held, every gateway instance keeps the rule's unsafe requests waiting until the
-- hold is released or reaches held_until (a write cutover: hold, sync, switch the mode, release). A hold is
-- neither a change of where requests go nor of the rule's version; it is audited as HOLD and RELEASE.

alter table rules
	add column write_held_since timestamptz,
	add column write_held_until timestamptz,
	add column write_held_by    text,
	add column write_hold_reason text,
	add constraint rules_write_hold_complete check (
		(write_held_until is null) = (write_held_since is null)
		and (write_held_until is null) = (write_held_by is null)
		and (write_held_until is null) = (write_hold_reason is null)),
	add constraint rules_write_hold_ends_after_start check (write_held_until > write_held_since);

alter table rule_changes
	drop constraint rule_changes_action_check,
	add constraint rule_changes_action_check
		check (action in ('CREATE', 'UPDATE', 'DELETE', 'HOLD', 'RELEASE'));

-- Every gateway instance says it is alive (about once a second) and, for each hold it applies, when its unsafe
-- requests of the rule that were under way before the hold have been answered. The instance that places a hold
-- answers once every live instance has done so: then no write of the rule is under way anywhere.
create table instances (
	id      text        primary key,
	seen_at timestamptz not null
);

create table write_hold_drains (
	rule_id     text        not null,
	instance_id text        not null,
	held_since  timestamptz not null,
	drained     boolean     not null,
	at          timestamptz not null default now(),
	primary key (rule_id, instance_id)
);
