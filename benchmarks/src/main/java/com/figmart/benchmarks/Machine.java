package com.figmart.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a benchmark report says about the machine it ran on, read from {@code /proc}. */
public final class Machine {

	private Machine() {
	}

	/** For example {@code 2 cores (`nproc`), AMD EPYC 7B13, 24 GiB}. */
	public static String describe() {
		return Runtime.getRuntime().availableProcessors() + " cores (`nproc`), " + cpuModel() + ", " + memory();
	}

	static String cpuModel() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException | RuntimeException ex) {
			return "unknown CPU";
		}
	}

	static String memory() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
			return lines.filter((line) -> line.startsWith("MemTotal"))
				.map((line) -> Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB")
				.findFirst()
				.orElse("unknown memory");
		}
		catch (IOException | RuntimeException ex) {
			return "unknown memory";
		}
	}

}
