package com.figmart.cdc.core;

/**
 * Where a change sits in the source's history: the LSN of the commit that precedes its transaction in the
 * stream, then the LSN of the change itself. Transactions arrive in commit order, so this pair orders
 * changes the way they were committed, while a raw LSN alone does not (interleaved transactions).
 * Snapshot rows get {@link #SNAPSHOT}, which every streamed change beats.
 */
public record Position(long commitLsn, long eventLsn) implements Comparable<Position> {

	public static final Position SNAPSHOT = new Position(0, 0);

	public boolean isSnapshot() {
		return this.commitLsn == 0 && this.eventLsn == 0;
	}

	@Override
	public int compareTo(Position other) {
		int byCommit = Long.compare(this.commitLsn, other.commitLsn);
		return (byCommit != 0) ? byCommit : Long.compare(this.eventLsn, other.eventLsn);
	}

	@Override
	public String toString() {
		return lsn(this.commitLsn) + "/" + lsn(this.eventLsn);
	}

	static String lsn(long value) {
		return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
	}
}
