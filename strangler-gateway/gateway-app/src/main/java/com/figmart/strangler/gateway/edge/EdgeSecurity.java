package com.figmart.strangler.gateway.edge;

import java.time.Duration;

import org.springframework.http.ResponseCookie;

/**
 * The names the edge security shares with the dashboard and its sign-in page.
 *
 * <p>The dashboard signs in by storing the admin's token in the HttpOnly cookie {@value #ADMIN_COOKIE}, which
 * the gateway accepts as a bearer token for paths under {@code /admin/} only. Because a browser sends cookies on
 * its own, a POST, PUT, PATCH or DELETE authenticated by that cookie must also carry
 * {@value #CSRF_HEADER}{@code : }{@value #CSRF_HEADER_VALUE}, a header another site's form cannot set; requests
 * with an {@code Authorization} header need no such proof. The cookie is never forwarded to a proxied service.
 */
public final class EdgeSecurity {

	public static final String ROLE_ADMIN = "admin";

	public static final String ROLE_CUSTOMER = "customer";

	/** The cookie holding the dashboard's bearer token. */
	public static final String ADMIN_COOKIE = "figmart_admin";

	/** The header that state-changing requests authenticated by the cookie must carry. */
	public static final String CSRF_HEADER = "X-Requested-With";

	public static final String CSRF_HEADER_VALUE = "figmart-dashboard";

	/** The routing filter's header that chooses the answering side; only admins may send it. */
	static final String FORCED_SIDE_HEADER = "X-Figmart-Target";

	/** Paths that need no token even under {@code /admin/}: signing in and out, and the static assets. */
	static final String[] PUBLIC_ADMIN_PATHS = { "/admin/login", "/admin/logout", "/admin/assets/**" };

	private EdgeSecurity() {
	}

	/**
	 * The cookie that signs the dashboard in with {@code token}: HttpOnly, SameSite=Strict, limited to
	 * {@code /admin}.
	 *
	 * @param maxAge how long the browser keeps it, at most the token's remaining lifetime
	 * @param secure whether to mark it Secure (when the gateway is reached over HTTPS)
	 */
	public static ResponseCookie adminCookie(String token, Duration maxAge, boolean secure) {
		return ResponseCookie.from(ADMIN_COOKIE, token)
			.httpOnly(true)
			.secure(secure)
			.sameSite("Strict")
			.path("/admin")
			.maxAge(maxAge)
			.build();
	}

	/** The cookie that signs the dashboard out. */
	public static ResponseCookie clearedAdminCookie() {
		return ResponseCookie.from(ADMIN_COOKIE, "").httpOnly(true).sameSite("Strict").path("/admin").maxAge(0).build();
	}

}
