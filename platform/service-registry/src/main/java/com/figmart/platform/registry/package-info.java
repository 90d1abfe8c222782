/** The service registry app (Eureka server). */
@NullMarked
package com.figmart.platform.registry;

import org.jspecify.annotations.NullMarked;
