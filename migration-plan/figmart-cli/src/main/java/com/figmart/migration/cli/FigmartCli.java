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
 * {@value #USAGE} usage error, {@value #FAILED} the topology (or a service of it) failed to start or stop, or
 * a service could not be reached, {@value #NOT_RUNNING} nothing is running where a running topology was expected,
 * {@value #REFUSED} a plan step was refused because a precondition does not hold (nothing changed),
 * {@value #CHECK_FAILED} a plan step ran but failed or its checks did not hold (its changes were undone).
 */
@Command(name = "figmart", mixinStandardHelpOptions = true, versionProvider = FigmartCli.Version.class,
		description = "Runs the Figmart topology and drives its migration from the monolith to services.",
		subcommands = { UpCommand.class, DownCommand.class, StatusCommand.class, PlanCommand.class, EventsCommand.class,
				PassThroughCommands.Route.class, PassThroughCommands.Sync.class })
public final class FigmartCli {

	public static final int OK = 0;

	public static final int USAGE = 1;

	public static final int FAILED = 2;

	public static final int NOT_RUNNING = 3;

	public static final int REFUSED = 4;

	public static final int CHECK_FAILED = 5;

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
				// commands that print take the terminal; everything else is picocli's business
				for (var constructor : type.getDeclaredConstructors()) {
					if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Terminal.class) {
						constructor.setAccessible(true);
						return type.cast(constructor.newInstance(terminal));
					}
				}
				return CommandLine.defaultFactory().create(type);
			}
		});
		for (String passThrough : new String[] { "route", "sync" }) {
			// everything after the command name, options included, belongs to the client it stands for
			commandLine.getSubcommands().get(passThrough).setUnmatchedOptionsArePositionalParams(true).setStopAtPositional(true);
		}
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
