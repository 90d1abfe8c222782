package com.figmart.platform.process;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Starting, waiting for and stopping real JVMs running {@link ReadinessServer}.
 */
class JavaProcessTests {

	private static final String CLASSPATH = System.getProperty("java.class.path");

	@TempDir
	Path directory;

	@Test
	void startReturnsOnceTheReadinessUrlAnswers() throws Exception {
		int port = JavaProcess.freePort();
		try (JavaProcess app = server(port, "500").start()) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(ready(port)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).isEqualTo("ready");
			assertThat(app.output()).contains("starting on " + port, "ready");
		}
	}

	@Test
	void anAppThatExitsBeforeItIsReadyFailsTheStartWithItsLog() {
		int port = JavaProcess.freePort();
		assertThatIllegalStateException().isThrownBy(() -> server(port, "0", "exit", "3").start())
			.withMessageContaining("exited with code 3 before it was ready")
			.withMessageContaining("giving up");
	}

	@Test
	void anAppThatIsNotReadyInTimeIsStopped() {
		int port = JavaProcess.freePort();
		JavaProcess.Builder builder = server(port, "0", "never-ready").readyTimeout(Duration.ofSeconds(3));
		assertThatIllegalStateException().isThrownBy(builder::start).withMessageContaining("was not ready within PT3S");
		assertThat(ProcessHandle.allProcesses()
			.filter((p) -> p.info().commandLine().orElse("").contains("ReadinessServer " + port))
			.filter(ProcessHandle::isAlive)).isEmpty();
	}

	@Test
	void stopEndsTheJvmWithSigtermAndCloseAlsoEndsWhatItStarted() {
		int port = JavaProcess.freePort();
		JavaProcess app = server(port, "0", "child").start();
		ProcessHandle child = childOf(app);
		app.close();
		assertThat(app.isAlive()).isFalse();
		assertThat(child.isAlive()).isFalse();
	}

	@Test
	void killLeavesChildrenRunningLikeACrash() {
		int port = JavaProcess.freePort();
		JavaProcess app = server(port, "0", "child").start();
		ProcessHandle child = childOf(app);
		try {
			app.kill();
			assertThat(app.isAlive()).isFalse();
			assertThat(child.isAlive()).isTrue();
		}
		finally {
			child.destroyForcibly();
		}
	}

	private JavaProcess.Builder server(int port, String... args) {
		String[] all = new String[args.length + 1];
		all[0] = Integer.toString(port);
		System.arraycopy(args, 0, all, 1, args.length);
		return JavaProcess.mainClass(ReadinessServer.class.getName(), CLASSPATH)
			.args(all)
			.log(this.directory.resolve("app-" + port + ".log"))
			.readyWhen(ready(port))
			.stopGracePeriod(Duration.ofSeconds(10));
	}

	private static ProcessHandle childOf(JavaProcess app) {
		Matcher matcher = Pattern.compile("child (\\d+)").matcher(app.output());
		assertThat(matcher.find()).as("the app printed its child's pid").isTrue();
		return ProcessHandle.of(Long.parseLong(matcher.group(1))).orElseThrow();
	}

	private static URI ready(int port) {
		return URI.create("http://127.0.0.1:" + port + "/ready");
	}

}
