package com.figmart.benchmarks.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.figmart.benchmarks.Durations;
import com.figmart.benchmarks.Options;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The upstream of the gateway benchmark: a Reactor Netty server (no Spring) with two answers.
 * <ul>
 * <li>any {@code GET} path ending in {@code /tiny}: a 60-byte JSON document at once;</li>
 * <li>any {@code GET} path ending in {@code /slow}: a 30 KiB JSON document after 50 ms.</li>
 * </ul>
 * Matching on the last segment lets the same backend sit behind any rule pattern ({@code /bench/tiny},
 * {@code /tiny}). Every instance answers byte for byte the same, so a shadow comparison between two of them
 * matches. {@code GET /requests} answers how many {@code tiny} and {@code slow} requests it served, so a benchmark
 * can check that shadow copies arrived.
 * <p>
 * A keep-alive connection that waits longer than the idle timeout (60 s unless told otherwise) for its next
 * request is closed by the server. The gateway's upstream pool must drop idle connections before that, or it
 * will sometimes write a request on a connection the server is closing ("Connection prematurely closed").
 */
public final class BenchmarkBackend implements AutoCloseable {

	/** How long an idle keep-alive connection stays open by default. */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

	/** How long {@code /slow} waits before it answers. */
	public static final Duration SLOW_DELAY = Duration.ofMillis(50);

	/** The size of the {@code /slow} body in bytes. */
	public static final int SLOW_SIZE = 30 * 1024;

	static final byte[] TINY = "{\"id\":42,\"name\":\"tiny\",\"status\":\"ok\",\"tags\":[\"a\",\"b\",\"c\"]}"
		.getBytes(StandardCharsets.US_ASCII);

	static final byte[] SLOW = slowBody(SLOW_SIZE);

	static final String USAGE = String.join("\n",
			"Usage: java -cp benchmarks/target/benchmarks.jar com.figmart.benchmarks.gateway.BenchmarkBackend [options]",
			"  --host HOST          address to bind (default 127.0.0.1)",
			"  --port N             port (default 0: any free port, printed at start)",
			"  --idle-timeout D     close keep-alive connections idle for D (default 60s)",
			"Answers GET .../tiny (60 bytes of JSON) and GET .../slow (30 KiB of JSON after 50 ms).");

	private final AtomicLong served = new AtomicLong();

	private final Duration idleTimeout;

	private DisposableServer server;

	private BenchmarkBackend(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	/**
	 * Starts a backend and returns once it accepts connections.
	 * @param port the port, or 0 for any free one
	 */
	public static BenchmarkBackend start(String host, int port, Duration idleTimeout) {
		BenchmarkBackend backend = new BenchmarkBackend(idleTimeout);
		backend.server = HttpServer.create()
			.host(host)
			.port(port)
			.idleTimeout(idleTimeout)
			.handle(backend::answer)
			.bindNow();
		return backend;
	}

	public int port() {
		return server.port();
	}

	public Duration idleTimeout() {
		return idleTimeout;
	}

	/** The {@code tiny} and {@code slow} requests served so far. */
	public long served() {
		return served.get();
	}

	@Override
	public void close() {
		server.disposeNow();
	}

	private Publisher<Void> answer(HttpServerRequest request, HttpServerResponse response) {
		String path = request.fullPath();
		if (path.endsWith("/tiny")) {
			served.incrementAndGet();
			return json(response, TINY);
		}
		if (path.endsWith("/slow")) {
			served.incrementAndGet();
			return Mono.delay(SLOW_DELAY).then(Mono.defer(() -> Mono.from(json(response, SLOW))));
		}
		if (path.equals("/requests")) {
			return json(response, ("{\"requests\":" + served.get() + "}").getBytes(StandardCharsets.US_ASCII));
		}
		return response.status(HttpResponseStatus.NOT_FOUND).send();
	}

	private static Publisher<Void> json(HttpServerResponse response, byte[] body) {
		return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body));
	}

	/** A JSON document of exactly {@code size} bytes: an array of similar items, padded in the last one. */
	static byte[] slowBody(int size) {
		StringBuilder json = new StringBuilder(size).append("{\"items\":[");
		String closing = "]}";
		int i = 0;
		while (true) {
			String item = (i > 0 ? "," : "") + "{\"sku\":\"SKU-" + (10000 + i)
					+ "\",\"name\":\"Benchmark product " + i + "\",\"price\":" + (100 + i % 900) + ".99}";
			if (json.length() + item.length() + closing.length() + 40 > size) {
				break;
			}
			json.append(item);
			i++;
		}
		String prefix = ",{\"pad\":\"";
		String suffix = "\"}";
		int padding = size - json.length() - prefix.length() - suffix.length() - closing.length();
		json.append(prefix).append("x".repeat(padding)).append(suffix).append(closing);
		return json.toString().getBytes(StandardCharsets.US_ASCII);
	}

	public static void main(String[] args) {
		Options options;
		try {
			options = Options.parse(args, Set.of("host", "port", "idle-timeout"), Set.of("help"));
		}
		catch (Options.UsageException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		if (options.flag("help")) {
			System.out.println(USAGE);
			return;
		}
		BenchmarkBackend backend = start(options.string("host", "127.0.0.1"), options.integer("port", 0, 0),
				options.duration("idle-timeout", DEFAULT_IDLE_TIMEOUT));
		System.out.println("BenchmarkBackend listening on http://" + backend.server.host() + ":" + backend.port()
				+ " (idle timeout " + Durations.format(backend.idleTimeout()) + ")");
		Runtime.getRuntime().addShutdownHook(new Thread(backend::close));
		backend.server.onDispose().block();
	}

}
