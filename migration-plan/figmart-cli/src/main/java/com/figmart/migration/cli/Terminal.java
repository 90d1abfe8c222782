package com.figmart.migration.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Output for people: aligned tables, and colour only when the output is a terminal that wants it. */
final class Terminal {

	private final PrintWriter out;

	private final boolean colour;

	Terminal(PrintWriter out, boolean colour) {
		this.out = out;
		this.colour = colour;
	}

	/** Colour when stdout is a console, {@code TERM} is not {@code dumb} and {@code NO_COLOR} is not set. */
	static boolean wantsColour(Map<String, String> environment) {
		return System.console() != null && !"dumb".equals(environment.get("TERM")) && !environment.containsKey("NO_COLOR");
	}

	PrintWriter out() {
		return this.out;
	}

	String green(String text) {
		return paint("32", text);
	}

	String red(String text) {
		return paint("31", text);
	}

	String bold(String text) {
		return paint("1", text);
	}

	void println(String line) {
		this.out.println(line);
		this.out.flush();
	}

	/** Prints rows under a header, each column as wide as its widest cell (colour codes not counted). */
	void table(List<String> header, List<List<String>> rows) {
		List<List<String>> all = new ArrayList<>();
		all.add(header);
		all.addAll(rows);
		int[] widths = new int[header.size()];
		for (List<String> row : all) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], visibleLength(row.get(i)));
			}
		}
		for (int r = 0; r < all.size(); r++) {
			List<String> row = all.get(r);
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.size(); i++) {
				String cell = (r == 0) ? bold(row.get(i)) : row.get(i);
				line.append(cell);
				if (i < row.size() - 1) {
					line.append(" ".repeat(widths[i] - visibleLength(row.get(i)) + 2));
				}
			}
			this.out.println(line.toString().stripTrailing());
		}
		this.out.flush();
	}

	private String paint(String code, String text) {
		return this.colour ? "\u001B[" + code + "m" + text + "\u001B[0m" : text;
	}

	private static int visibleLength(String text) {
		return text.replaceAll("\u001B\\[[0-9;]*m", "").length();
	}

}
