-- Loaded by the gateway benchmark with `wrk -s report.lua`: after the run, one line with the exact figures
-- (latencies in microseconds), so nothing is read back from wrk's rounded human-readable summary.
done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
		"WRK_RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d "
			.. "connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d\n",
		summary.requests, summary.duration, summary.bytes,
		latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
		latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
