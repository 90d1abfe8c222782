package com.figmart.strangler.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table: a header row and left-aligned columns two spaces apart, missing values shown as
 * {@code -}, so that {@code awk}, {@code grep} and {@code column} work on it too.
 */
final class Table {

	private static final String MISSING = "-";

	private final List<String[]> rows = new ArrayList<>();

	private final int columns;

	Table(String... headers) {
		this.columns = headers.length;
		this.rows.add(headers);
	}

	Table row(String... cells) {
		if (cells.length != this.columns) {
			throw new IllegalArgumentException("a row of " + this.columns + " cells, not " + cells.length);
		}
		String[] row = Arrays.stream(cells)
			.map((cell) -> (cell == null || cell.isBlank()) ? MISSING : cell.replace('\n', ' '))
			.toArray(String[]::new);
		this.rows.add(row);
		return this;
	}

	void print(PrintWriter out) {
		int[] widths = new int[this.columns];
		for (String[] row : this.rows) {
			for (int i = 0; i < this.columns; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (String[] row : this.rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < this.columns; i++) {
				line.append(row[i]);
				if (i < this.columns - 1) {
					line.append(" ".repeat(widths[i] - row[i].length() + 2));
				}
			}
			out.println(line.toString().stripTrailing());
		}
		out.flush();
	}

}
