package com.figmart.migration.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which steps of a plan are applied, and when: a small text file, one {@code step<TAB>instant} per line in the
 * order they were applied, replaced atomically on every change.
 */
public final class PlanState {

	private final Path file;

	public PlanState(Path file) {
		this.file = file;
	}

	/** The applied steps, in the order they were applied, with when. */
	public Map<String, Instant> applied() {
		Map<String, Instant> applied = new LinkedHashMap<>();
		if (!Files.exists(this.file)) {
			return applied;
		}
		try {
			for (String line : Files.readAllLines(this.file)) {
				if (!line.isBlank() && !line.startsWith("#")) {
					String[] parts = line.split("\t", 2);
					applied.put(parts[0], Instant.parse(parts[1].strip()));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the plan state " + this.file, ex);
		}
		return applied;
	}

	void markApplied(String step, Instant at) {
		Map<String, Instant> applied = applied();
		applied.put(step, at);
		write(applied);
	}

	void markRolledBack(String step) {
		Map<String, Instant> applied = applied();
		applied.remove(step);
		write(applied);
	}

	private void write(Map<String, Instant> applied) {
		List<String> lines = new ArrayList<>();
		lines.add("# figmart plan state: the applied steps, in order");
		applied.forEach((step, at) -> lines.add(step + "\t" + at));
		try {
			Files.createDirectories(this.file.toAbsolutePath().getParent());
			Path temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
			Files.write(temporary, lines);
			Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the plan state " + this.file, ex);
		}
	}

}
