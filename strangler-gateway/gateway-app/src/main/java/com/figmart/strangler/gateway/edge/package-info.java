/**
 * Edge security and hygiene of the strangler gateway: JWT bearer authentication with roles, rate limiting per
 * client, the request size limit, request ids and W3C trace context, and the JSON access log.
 *
 * <p>All of it is made of {@link org.springframework.web.server.WebFilter}s (and Spring Security's filter
 * chain), so it runs before the gateway's routing and applies to the admin API and dashboard as well.
 */
package com.figmart.strangler.gateway.edge;
