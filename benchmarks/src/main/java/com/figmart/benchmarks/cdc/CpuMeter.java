package com.figmart.benchmarks.cdc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU time used by the processes of the benchmark (the writer's JVM, each PostgreSQL server with its backends, the
 * bridge's JVM), read from Linux's {@code /proc/<pid>/stat}: to see, per phase, who took the two cores.
 * <p>
 * A process tree's time is the user and system time of its root and of its live descendants, plus the time of the
 * children they have already reaped (a PostgreSQL backend that ended is counted in its postmaster). Elsewhere than
 * on Linux every figure is 0.
 */
final class CpuMeter {

	/** {@code getconf CLK_TCK}: 100 on every common Linux. */
	private static final double TICKS_PER_SECOND = 100.0;

	private final Map<String, LongSupplier> trees = new LinkedHashMap<>();

	private final Map<String, LongSupplier> singles = new LinkedHashMap<>();

	/** A process and everything it started. @param pid the root process, or -1 while there is none */
	void trackTree(String name, LongSupplier pid) {
		trees.put(name, pid);
	}

	/** One process alone (the writer's JVM, whose children are the bridge's JVM). */
	void trackProcess(String name, LongSupplier pid) {
		singles.put(name, pid);
	}

	/** CPU seconds used so far, per tracked name. */
	Map<String, Double> sample() {
		Map<String, Double> seconds = new LinkedHashMap<>();
		singles.forEach((name, pid) -> seconds.put(name, processTicks(pid.getAsLong()) / TICKS_PER_SECOND));
		trees.forEach((name, pid) -> seconds.put(name, treeTicks(pid.getAsLong()) / TICKS_PER_SECOND));
		return seconds;
	}

	/** What each tracked process tree used between two samples, in CPU seconds. */
	static Map<String, Double> difference(Map<String, Double> before, Map<String, Double> after) {
		Map<String, Double> used = new LinkedHashMap<>();
		after.forEach((name, seconds) -> used.put(name, Math.max(0, seconds - before.getOrDefault(name, 0.0))));
		return used;
	}

	private static long treeTicks(long pid) {
		if (pid <= 0) {
			return 0;
		}
		long ticks = processTicks(pid);
		for (ProcessHandle descendant : ProcessHandle.of(pid).map((handle) -> handle.descendants().toList())
			.orElse(java.util.List.of())) {
			ticks += processTicks(descendant.pid());
		}
		return ticks;
	}

	/** utime + stime + cutime + cstime of one process, 0 when it is gone or /proc is not there. */
	static long processTicks(long pid) {
		if (pid <= 0) {
			return 0;
		}
		try {
			return parseTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** Fields 14 to 17 of {@code /proc/<pid>/stat}, counted after the command name (which may hold spaces). */
	static long parseTicks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
		// fields[0] is field 3 (state): utime is field 14, so fields[11] .. fields[14].
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
				+ Long.parseLong(fields[14]);
	}

}
