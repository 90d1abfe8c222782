package com.figmart.strangler.gateway.edge;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The edge's web filters, outermost first: access log, request id and trace context, request size limit,
 * (Spring Security), client identity, rate limit. The gateway's routing runs after all of them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeProperties.class)
class EdgeFiltersConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "figmart.gateway.access-log.enabled", matchIfMissing = true)
	AccessLogFilter edgeAccessLogFilter() {
		return new AccessLogFilter();
	}

	@Bean
	RequestIdFilter edgeRequestIdFilter() {
		return new RequestIdFilter();
	}

	@Bean
	RequestSizeFilter edgeRequestSizeFilter(EdgeProperties properties) {
		return new RequestSizeFilter((int) properties.maxRequestSize().toBytes());
	}

	@Bean
	ClientIdentityFilter edgeClientIdentityFilter() {
		return new ClientIdentityFilter();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "figmart.gateway.rate-limit.enabled", matchIfMissing = true)
	RateLimitFilter edgeRateLimitFilter(EdgeProperties properties) {
		EdgeProperties.RateLimit limit = properties.rateLimit();
		return new RateLimitFilter(new TokenBuckets(limit.capacity(), limit.refillPerSecond(), limit.maxClients()));
	}

}
