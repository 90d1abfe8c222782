package com.figmart.migration.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code figmart} command: runs the whole topology on embedded defaults and drives the migration.
 *
 * <p>Exit codes are part of the interface that scripts rely on and do not change: {@value #OK} done,
 * {@value #USAGE} usage error, {@value #FAILED} the topology (or a service of it) failed to start or stop,
 * {@value #NOT_RUNNING} nothing is running where a running topology was expected.
 */
@Command(name = "figmart", mixinStandardHelpOptions = true, versionProvider = FigmartCli.Version.class,
		description = "Runs the Figmart topology and drives its migration from the monolith to services.",
		subcommands = { UpCommand.class, DownCommand.class, StatusCommand.class })
public final class FigmartCli {

	public static final int OK = 0;

	public static final int USAGE = 1;

	public static final int FAILED = 2;

	public static final int NOT_RUNNING = 3;

	public static void main(String... args) {
		System.exit(execute(System.getenv(), args));
	}

	static int execute(Map<String, String> environment, String... args) {
		PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
		PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
		Terminal terminal = new Terminal(out, Terminal.wantsColour(environment));
		CommandLine commandLine = new CommandLine(new FigmartCli(), new CommandLine.IFactory() {
			@Override
			public <K> K create(Class<K> type) throws Exception {
				if (type == UpCommand.class) {
					return type.cast(new UpCommand(terminal));
				}
				if (type == DownCommand.class) {
					return type.cast(new DownCommand(terminal));
				}
				if (type == StatusCommand.class) {
					return type.cast(new StatusCommand(terminal));
				}
				return CommandLine.defaultFactory().create(type);
			}
		});
		commandLine.setOut(out).setErr(err).setExitCodeExceptionMapper((ex) -> FAILED);
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			err.println(ex.getMessage());
			ex.getCommandLine().usage(err);
			return USAGE;
		});
		commandLine.setExecutionExceptionHandler((ex, line, result) -> {
			err.println(terminal.red("figmart: " + ex.getMessage()));
			return FAILED;
		});
		return commandLine.execute(args);
	}

	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = FigmartCli.class.getPackage().getImplementationVersion();
			return new String[] { "figmart " + (version == null ? "(development build)" : version) };
		}

	}

}
