package com.figmart.cdc.core;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of a {@link ParityCheck}: counts and content checksums on both sides, and the keys of the
 * rows that differ (at most a configured number per list; the counts are complete).
 *
 * @param sourceChecksum the checksum of the source rows as the mapping converts them, comparable with
 *        {@code targetChecksum}
 * @param deadLettered differing rows that have a dead letter: the reason is in {@code cdc_bridge.dead_letter}
 */
public record ParityReport(String mapping, long sourceRows, long targetRows, String sourceChecksum,
		String targetChecksum, long differingRows, List<String> missingOnTarget, List<String> extraOnTarget,
		List<String> different, List<String> deadLettered, Instant checkedAt) {

	public boolean clean() {
		return this.differingRows == 0 && this.sourceRows == this.targetRows
				&& this.sourceChecksum.equals(this.targetChecksum);
	}
}
