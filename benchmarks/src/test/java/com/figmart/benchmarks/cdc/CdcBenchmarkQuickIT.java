package com.figmart.benchmarks.cdc;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's {@code --quick} run of native replication, end to end with real servers, so the harness cannot
 * rot between full runs. It checks that every figure is there and that no row went missing, never how fast.
 */
class CdcBenchmarkQuickIT {

	@Test
	void aQuickRunOfNativeReplicationReportsEveryFigure(@TempDir Path results) throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

		int exit = CdcBenchmark.run(new String[] { "--quick", "--systems", "native", "--results-dir", results.toString() },
				out, out);

		assertThat(exit).as(output.toString(StandardCharsets.UTF_8)).isZero();
		List<Path> reports;
		try (Stream<Path> files = Files.list(results)) {
			reports = files.toList();
		}
		assertThat(reports).hasSize(1);
		assertThat(reports.get(0).getFileName().toString()).endsWith("-quick.md");
		String report = Files.readString(reports.get(0));
		String number = "[\\d,]+(\\.\\d+)?";
		// how the report marks a system that failed (the report also quotes the commit message, which may say anything)
		assertThat(report).doesNotContainPattern("\\*\\*\\w+ failed: ")
			.containsPattern("\\| backfill rows/s \\(replication started → all rows visible\\) \\| " + number + " \\|")
			.containsPattern("\\| 1,000 writes/s: \\*\\*lag p99\\*\\* \\| \\*\\*" + number + " ms\\*\\* \\|")
			.containsPattern("\\| 5,000 writes/s: \\*\\*lag p99\\*\\* \\| \\*\\*" + number + " ms\\*\\* \\|")
			.containsPattern("\\| 1,000 writes/s: rows measured / missing / write errors \\| " + number + " / 0 / 0 \\|")
			.containsPattern("\\| 5,000 writes/s: rows measured / missing / write errors \\| " + number + " / 0 / 0 \\|")
			.containsPattern("\\| 20,000-row transaction: \\*\\*drain \\(commit → all rows visible\\)\\*\\* \\| \\*\\*"
					+ number + " s\\*\\* \\|")
			.contains("| 20,000-row transaction: rows missing | 0 |")
			.contains("| subscription streaming | `f` |")
			.containsPattern("\\| 1,000 writes/s: lag to the end of the target transaction p50 / p99 \\| " + number + " ms / "
					+ number + " ms \\|");
	}

}
