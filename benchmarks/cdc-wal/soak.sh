#!/usr/bin/env bash
# WAL safety soak: with the topology running (./figmart up), the captured catalog tables stay quiet while other
# tables in the same databases take heavy writes. The bridge's heartbeat (an action query on a published table)
# must keep both replication slots advancing, so the WAL they retain stays small. Prints one line per sample and
# a summary; usage: benchmarks/cdc-wal/soak.sh [MINUTES] (default 15).
set -euo pipefail
minutes=${1:-15}
legacy="postgresql://postgres@127.0.0.1:15432/marketplace"
catalog="postgresql://postgres@127.0.0.1:15433/catalog_service"
retained="select coalesce(max(pg_current_wal_lsn() - restart_lsn), 0)::bigint from pg_replication_slots where slot_name like 'figmart_cdc%'"
for db in "$legacy" "$catalog"; do
	psql -qAt "$db" -c "create table if not exists public.soak_other_writes (id bigserial primary key, payload text)"
done
end=$(( $(date +%s) + minutes * 60 ))
max_legacy=0; max_catalog=0; samples=0
summary() {
	printf 'samples %d; largest WAL retained by a slot: legacy %.1f MB, catalog %.1f MB (aim: under 64 MB)\n' "$samples" \
		"$(echo "$max_legacy/1048576" | bc -l)" "$(echo "$max_catalog/1048576" | bc -l)"
}
trap summary EXIT
echo "time                  WAL written (legacy)  retained: legacy slot  catalog slot"
while [ "$(date +%s)" -lt "$end" ]; do
	for db in "$legacy" "$catalog"; do
		psql -qAt "$db" -c "insert into public.soak_other_writes (payload) select repeat(md5(g::text), 6) from generate_series(1, 20000) g; delete from public.soak_other_writes where id < (select max(id) - 100000 from public.soak_other_writes)"
	done
	now_legacy=$(psql -qAt "$legacy" -c "select pg_current_wal_lsn() - '0/0'::pg_lsn")
	r_legacy=$(psql -qAt "$legacy" -c "$retained")
	r_catalog=$(psql -qAt "$catalog" -c "$retained")
	[ "$r_legacy" -gt "$max_legacy" ] && max_legacy=$r_legacy
	[ "$r_catalog" -gt "$max_catalog" ] && max_catalog=$r_catalog
	samples=$((samples + 1))
	printf '%s  %8.1f MB            %8.1f MB          %8.1f MB\n' "$(date -u +%H:%M:%S)" "$(echo "$now_legacy/1048576" | bc -l)" \
		"$(echo "$r_legacy/1048576" | bc -l)" "$(echo "$r_catalog/1048576" | bc -l)"
	sleep 5
done
