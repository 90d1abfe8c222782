package com.figmart.strangler.gateway.dashboard;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;

import com.figmart.strangler.gateway.edge.EdgeSecurity;
import com.figmart.strangler.gateway.edge.TokenVerifier;

/**
 * The dashboard's pages and its sign-in.
 *
 * <p>Signing in turns an admin token, pasted once, into an HttpOnly, SameSite=Strict cookie scoped to
 * {@code /admin}, so the page's script never holds the token. The edge accepts that cookie as a bearer token
 * under {@code /admin} only, and asks cookie-authenticated changes for an {@code X-Requested-With} header, which
 * a cross-site form cannot send.
 */
final class DashboardPages {

	private static final MediaType SCRIPT = MediaType.valueOf("text/javascript;charset=UTF-8");

	private static final Map<String, MediaType> ASSETS = Map.of("dashboard.css",
			MediaType.valueOf("text/css;charset=UTF-8"), "dashboard.js", SCRIPT, "login.js", SCRIPT);

	/** {@code null} when security is off: then the dashboard needs no sign-in. */
	private final TokenVerifier verifier;

	DashboardPages(TokenVerifier verifier) {
		this.verifier = verifier;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET("/admin", (request) -> seeOther("/admin/dashboard"))
			.GET("/admin/dashboard", (request) -> page("admin/dashboard.html"))
			.GET("/admin/login", (request) -> page("admin/login.html"))
			.POST("/admin/login", this::signIn)
			.POST("/admin/logout", this::signOut)
			.GET("/admin/assets/{file}", this::asset)
			.build();
	}

	private Mono<ServerResponse> signIn(ServerRequest request) {
		if (this.verifier == null) {
			return seeOther("/admin/dashboard");
		}
		return request.formData()
			.map((form) -> String.valueOf(form.getFirst("token")).strip())
			.flatMap((token) -> this.verifier.verify(token).flatMap((verified) -> {
				if (!verified.hasRole(EdgeSecurity.ROLE_ADMIN)) {
					return failedSignIn("The token of " + verified.subject() + " has no admin role");
				}
				Duration untilExpiry = (verified.expiresAt() != null)
						? Duration.between(Instant.now(), verified.expiresAt()) : Duration.ofHours(8);
				boolean https = "https".equals(request.uri().getScheme());
				return ServerResponse.seeOther(URI.create("/admin/dashboard"))
					.cookie(EdgeSecurity.adminCookie(token, untilExpiry, https))
					.build();
			}))
			.onErrorResume(JwtException.class, (ex) -> failedSignIn("The token is not valid: " + ex.getMessage()));
	}

	private Mono<ServerResponse> signOut(ServerRequest request) {
		return ServerResponse.seeOther(URI.create("/admin/login")).cookie(EdgeSecurity.clearedAdminCookie()).build();
	}

	private Mono<ServerResponse> asset(ServerRequest request) {
		String file = request.pathVariable("file");
		MediaType type = ASSETS.get(file);
		if (type == null) {
			return ServerResponse.notFound().build();
		}
		return ServerResponse.ok().contentType(type).cacheControl(CacheControl.noCache())
			.bodyValue(new ClassPathResource("admin/assets/" + file));
	}

	private static Mono<ServerResponse> page(String path) {
		Resource page = new ClassPathResource(path);
		return ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
			.bodyValue(page);
	}

	private static Mono<ServerResponse> failedSignIn(String message) {
		return seeOther("/admin/login?error=" + UriUtils.encodeQueryParam(message, StandardCharsets.UTF_8));
	}

	private static Mono<ServerResponse> seeOther(String location) {
		return ServerResponse.seeOther(URI.create(location)).build();
	}

}
