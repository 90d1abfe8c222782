package com.figmart.benchmarks;

import java.io.IOException;
import java.io.PrintStream;

/** How the benchmark programs end: an exit code, and a message on standard error when they fail. */
final class Programs {

	private Programs() {
	}

	interface Body {
		int run() throws IOException, InterruptedException;
	}

	/**
	 * Runs the body and turns its failures into exit code 1: an expected failure (the program's own
	 * exception type) with its message only, anything else with its stack trace.
	 */
	static int exitCode(String program, PrintStream err, Class<? extends RuntimeException> expectedFailure, Body body) {
		try {
			return body.run();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			err.println(program + ": interrupted");
			return 1;
		}
		catch (IOException | RuntimeException e) {
			if (expectedFailure.isInstance(e)) {
				err.println(program + ": " + e.getMessage());
			}
			else {
				err.println(program + ": failed: " + e);
				e.printStackTrace(err);
			}
			return 1;
		}
	}
}
