/**
 * Registration of a Figmart app with the service registry: on when a registry URL is configured, off
 * otherwise, with heartbeat, health and discovery settings that fit the registry's eviction.
 */
@NullMarked
package com.figmart.platform.registry.client;

import org.jspecify.annotations.NullMarked;
