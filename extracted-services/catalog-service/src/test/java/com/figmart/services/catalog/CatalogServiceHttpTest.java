package com.figmart.services.catalog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * catalog-service on a random port with its own fresh database on the test JVM's PostgreSQL. Test
 * classes with this annotation share one context and one database, so each test works on SKUs and
 * words of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = CatalogServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@interface CatalogServiceHttpTest {
}
