/** The embedded Kafka broker app: one KRaft node in its own JVM for the topology on embedded defaults. */
@NullMarked
package com.figmart.platform.kafka;

import org.jspecify.annotations.NullMarked;
