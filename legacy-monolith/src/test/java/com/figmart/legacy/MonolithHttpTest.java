package com.figmart.legacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import com.figmart.marketplace.Marketplace;

/**
 * The whole monolith on a random port, as {@code java -jar} runs it but on the test JVM's shared
 * PostgreSQL. Checkout waits up to 15 s for the saga here (3 s by default), so a busy CI machine
 * cannot turn an expected CONFIRMED into PENDING. Test classes with this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = { Marketplace.class, DemoData.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "figmart.order.checkout-wait=15s")
@interface MonolithHttpTest {
}
