package com.figmart.strangler.gateway.shadow;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Where a shadow copy goes: an {@code http(s)} target as it is, an {@code lb://name} target at one of the
 * instances the discovery client knows for {@code name}, chosen at random (the copies spread over the instances
 * as the requests do). Discovery clients answer from their local copy of the registry, so this does not block.
 */
final class ShadowTargets {

	/** The outcome: a URL to send the copy to, or why there is none. */
	record Resolution(@Nullable URI uri, @Nullable IgnoreReason notSent) {
	}

	private final ObjectProvider<DiscoveryClient> discovery;

	ShadowTargets(ObjectProvider<DiscoveryClient> discovery) {
		this.discovery = discovery;
	}

	Resolution resolve(@Nullable URI target) {
		String scheme = (target != null && target.getScheme() != null) ? target.getScheme().toLowerCase(Locale.ROOT) : "";
		if (scheme.equals("http") || scheme.equals("https")) {
			return new Resolution(target, null);
		}
		if (!scheme.equals("lb")) {
			return new Resolution(null, IgnoreReason.UNSUPPORTED_TARGET);
		}
		DiscoveryClient client = this.discovery.getIfAvailable();
		List<ServiceInstance> instances = (client != null) ? client.getInstances(target.getHost()) : List.of();
		if (instances.isEmpty()) {
			return new Resolution(null, IgnoreReason.NO_INSTANCE);
		}
		ServiceInstance instance = instances.get(ThreadLocalRandom.current().nextInt(instances.size()));
		return new Resolution(instance.getUri(), null);
	}

}
