package com.figmart.platform.registry.client;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns the Eureka client on when the app is given a registry, and supplies Figmart's client defaults as the
 * lowest-precedence property source, so that anything the app or the command line sets wins.
 *
 * <p>The switch: the client is on when {@value #REGISTRY_URL} or {@code eureka.client.service-url.*} is set,
 * off otherwise, unless {@code eureka.client.enabled} is set explicitly. So an app run on its own, and every
 * test that configures no registry, never tries to reach one; a launcher turns registration on with one
 * argument, {@code --figmart.registry.url=http://127.0.0.1:8761}.
 *
 * <p>The timings are a contract with the registry (see {@code platform/service-registry/README.md}): a
 * heartbeat every 2 s and a lease of 6 s. Eureka counts a lease from the last renewal plus its duration and
 * then waits the duration again, so an instance that dies silently leaves the registry within 2 x 6 s plus one
 * eviction pass (2 s), 14 s; a consumer sees it gone one registry fetch (2 s) and one load-balancer cache
 * period (2 s) later.
 */
public class RegistryClientEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The registry's base URL (or several, comma-separated); {@code /eureka/} is added when there is no path. */
	public static final String REGISTRY_URL = "figmart.registry.url";

	static final String PROPERTY_SOURCE_NAME = "figmartRegistryClientDefaults";

	private static final Map<String, Object> DEFAULTS = defaults();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = new LinkedHashMap<>(DEFAULTS);
		String registryUrl = environment.getProperty(REGISTRY_URL);
		boolean serviceUrlGiven = !Binder.get(environment)
			.bind("eureka.client.service-url", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of())
			.isEmpty();
		if (StringUtils.hasText(registryUrl) && !serviceUrlGiven) {
			properties.put("eureka.client.service-url.defaultZone", serviceUrl(registryUrl));
		}
		properties.put("eureka.client.enabled", StringUtils.hasText(registryUrl) || serviceUrlGiven);
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	@Override
	public int getOrder() {
		// after the config data (application.yml) is loaded, so that a registry URL given there counts
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** {@code http://host:8761} becomes {@code http://host:8761/eureka/}; a URL with a path is kept. */
	static String serviceUrl(String registryUrl) {
		return Arrays.stream(registryUrl.split(","))
			.map(String::trim)
			.filter(StringUtils::hasText)
			.map((url) -> url.replaceFirst("/+$", ""))
			.map((url) -> url.matches("[a-zA-Z][a-zA-Z0-9+.-]*://[^/]+") ? url + "/eureka/" : url + "/")
			.collect(Collectors.joining(","));
	}

	private static Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		// Spring's RestClient talks to the registry even where Jersey is on the class path (the CDC bridge has it
		// through Kafka Connect): the Jersey transport needs an extra artifact, and without it the client cannot start
		defaults.put("eureka.client.jersey.enabled", false);
		// the instance's health (db, disk...) decides its status in the registry: DOWN is not routed to
		defaults.put("eureka.client.healthcheck.enabled", true);
		// health and other instance changes reach the registry within 5 s (Eureka's default: 30 s)
		defaults.put("eureka.client.instance-info-replication-interval-seconds", 5);
		defaults.put("eureka.client.initial-instance-info-replication-interval-seconds", 5);
		// consumers refresh their copy of the registry every 2 s (default 30 s)
		defaults.put("eureka.client.registry-fetch-interval-seconds", 2);
		defaults.put("eureka.instance.lease-renewal-interval-in-seconds", 2);
		defaults.put("eureka.instance.lease-expiration-duration-in-seconds", 6);
		// the one-machine topology: instances are reached on loopback; set eureka.instance.ip-address on a network
		defaults.put("eureka.instance.prefer-ip-address", true);
		defaults.put("eureka.instance.ip-address", "127.0.0.1");
		// one id per address and port, so that two instances of an app coexist and a restarted one replaces itself
		defaults.put("eureka.instance.instance-id",
				"${spring.application.name}:${eureka.instance.ip-address}:${server.port:8080}");
		// Spring Cloud LoadBalancer caches instance lists for 35 s by default: an evicted instance would be
		// chosen that long after the registry dropped it
		defaults.put("spring.cloud.loadbalancer.cache.ttl", "2s");
		return Map.copyOf(defaults);
	}

}
