package com.figmart.benchmarks.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * An open-loop writer: inserts one row per transaction (autocommit) at a fixed rate into the source table,
 * whatever the database's speed. The schedule is split over {@code connections} threads, each with its own
 * connection: row {@code n} is due at {@code start + n / rate} and belongs to thread {@code n mod connections}.
 * <p>
 * The lag is measured from the row's {@code written_at} (the server's clock at insert), so a late send does not
 * inflate it; the writer reports how late it was, and the rate it reached, so a run where the source itself could
 * not keep up is recognisable.
 */
final class FixedRateWriter {

	private final String jdbcUrl;

	private final int connections;

	private final String payload;

	FixedRateWriter(String jdbcUrl, int connections, int payloadBytes) {
		this.jdbcUrl = jdbcUrl;
		this.connections = connections;
		this.payload = BenchTable.payload(payloadBytes);
	}

	/**
	 * Writes at {@code rate} rows/s for {@code warmup + duration}. Rows due in the warm-up take ids from
	 * {@code warmupFirstId} upwards, the measured rows from {@code measuredFirstId} upwards (dense, in order of
	 * their due time). {@code progress} is called about every {@code progressEvery} from the calling thread.
	 */
	Result run(double rate, Duration warmup, Duration duration, long warmupFirstId, long measuredFirstId,
			Duration progressEvery, Consumer<Progress> progress) throws InterruptedException, SQLException {
		if (rate <= 0) {
			throw new IllegalArgumentException("rate must be positive, was " + rate);
		}
		List<Connection> opened = new ArrayList<>();
		try {
			for (int i = 0; i < connections; i++) {
				Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
				connection.setAutoCommit(true);
				opened.add(connection);
			}
			return write(opened, rate, warmup, duration, warmupFirstId, measuredFirstId, progressEvery, progress);
		}
		finally {
			for (Connection connection : opened) {
				connection.close();
			}
		}
	}

	private Result write(List<Connection> opened, double rate, Duration warmup, Duration duration, long warmupFirstId,
			long measuredFirstId, Duration progressEvery, Consumer<Progress> progress) throws InterruptedException {
		double intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		long measureFrom = start + warmup.toNanos();
		long end = measureFrom + duration.toNanos();
		// Ids in order of due time: the schedule number minus the first measured (or zero) number.
		long firstMeasuredNumber = (long) Math.ceil(warmup.toNanos() / intervalNanos);
		AtomicLong written = new AtomicLong();
		AtomicLong measured = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicLong maxLateNanos = new AtomicLong();
		AtomicLong lastMeasuredId = new AtomicLong(measuredFirstId - 1);
		AtomicReference<Exception> firstError = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < opened.size(); t++) {
			int first = t;
			Connection connection = opened.get(t);
			Thread thread = new Thread(() -> {
				try (PreparedStatement insert = connection
					.prepareStatement("insert into bench_ticks (id, payload) values (?, ?)")) {
					insert.setString(2, payload);
					for (long n = first;; n += opened.size()) {
						long due = start + (long) (n * intervalNanos);
						if (due >= end) {
							break;
						}
						long wait = due - System.nanoTime();
						if (wait > 0) {
							LockSupport.parkNanos(wait);
						}
						long late = System.nanoTime() - due;
						maxLateNanos.accumulateAndGet(late, Math::max);
						boolean inMeasurement = n >= firstMeasuredNumber;
						long id = inMeasurement ? measuredFirstId + (n - firstMeasuredNumber) : warmupFirstId + n;
						if (inMeasurement) {
							lastMeasuredId.accumulateAndGet(id, Math::max);
						}
						try {
							insert.setLong(1, id);
							insert.executeUpdate();
							written.incrementAndGet();
							if (inMeasurement) {
								measured.incrementAndGet();
							}
						}
						catch (SQLException ex) {
							errors.incrementAndGet();
							firstError.compareAndSet(null, ex);
							if (!connection.isValid(1)) {
								return;
							}
						}
					}
				}
				catch (SQLException ex) {
					errors.incrementAndGet();
					firstError.compareAndSet(null, ex);
				}
			}, "fixed-rate-writer-" + t);
			thread.setDaemon(true);
			threads.add(thread);
		}
		threads.forEach(Thread::start);
		long nextProgress = System.nanoTime() + progressEvery.toNanos();
		for (Thread thread : threads) {
			while (thread.isAlive()) {
				long untilProgress = nextProgress - System.nanoTime();
				if (untilProgress <= 0) {
					long maxLate = maxLateNanos.get();
					progress.accept(new Progress(Duration.ofNanos(System.nanoTime() - start), written.get(),
							errors.get(), TimeUnit.NANOSECONDS.toMicros(maxLate)));
					nextProgress += progressEvery.toNanos();
					continue;
				}
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilProgress)));
			}
		}
		long finished = System.nanoTime();
		long measuredRows = measured.get();
		double seconds = duration.toNanos() / 1e9;
		// A failed insert leaves a hole in the id range; the lag collection reads what the source has.
		return new Result(rate, measuredRows / seconds, written.get(), measuredRows, measuredFirstId,
				lastMeasuredId.get(), errors.get(), firstError.get() == null ? null : firstError.get().getMessage(),
				TimeUnit.NANOSECONDS.toMicros(maxLateNanos.get()),
				Duration.ofNanos(Math.max(0, finished - end)));
	}

	/** What the writer has done so far. */
	record Progress(Duration elapsed, long rowsWritten, long errors, long maxLateMicros) {
	}

	/**
	 * @param achievedRate measured rows divided by the measured duration
	 * @param firstMeasuredId the measured rows have the ids {@code firstMeasuredId..lastMeasuredId}
	 * @param maxLateMicros how late the writer sent its most delayed row (the CPU or the source was too busy)
	 * @param overrun how long after the end of the schedule the last insert returned
	 */
	record Result(double targetRate, double achievedRate, long rowsWritten, long measuredRows, long firstMeasuredId,
			long lastMeasuredId, long errors, String firstError, long maxLateMicros, Duration overrun) {
	}

}
