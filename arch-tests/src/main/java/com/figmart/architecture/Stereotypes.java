package com.figmart.architecture;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/**
 * Predicates recognising framework building blocks by type name, so the rules work without the
 * frameworks on their own classpath (the classes under test bring them along).
 */
public final class Stereotypes {

	private static final List<String> REPOSITORY_SUPERTYPES = List.of(
			"org.springframework.data.repository.Repository",
			"org.jmolecules.ddd.types.Repository");

	private static final List<String> REPOSITORY_ANNOTATIONS = List.of(
			"org.jmolecules.ddd.annotation.Repository");

	private static final List<String> JPA_ENTITY_ANNOTATIONS = List.of(
			"jakarta.persistence.Entity",
			"javax.persistence.Entity");

	private static final List<String> WEB_CONTROLLER_ANNOTATIONS = List.of(
			"org.springframework.web.bind.annotation.RestController",
			"org.springframework.stereotype.Controller");

	private Stereotypes() {
	}

	/** Spring Data repositories (any subtype of its {@code Repository}) and jMolecules repositories. */
	public static DescribedPredicate<JavaClass> repositories() {
		return DescribedPredicate.describe("are repositories",
				type -> REPOSITORY_SUPERTYPES.stream().anyMatch(name -> isStrictSubtypeOf(type, name))
						|| REPOSITORY_ANNOTATIONS.stream().anyMatch(name -> isAnnotated(type, name)));
	}

	/** Classes annotated as JPA entities. */
	public static DescribedPredicate<JavaClass> jpaEntities() {
		return DescribedPredicate.describe("are JPA entities",
				type -> JPA_ENTITY_ANNOTATIONS.stream().anyMatch(name -> type.isAnnotatedWith(name)));
	}

	/** Spring MVC controllers, including {@code @RestController}s and other annotations built on them. */
	public static DescribedPredicate<JavaClass> webControllers() {
		return DescribedPredicate.describe("are web controllers",
				type -> WEB_CONTROLLER_ANNOTATIONS.stream().anyMatch(name -> isAnnotated(type, name)));
	}

	/** The framework's own marker interface is not a repository of the application. */
	private static boolean isStrictSubtypeOf(JavaClass type, String supertype) {
		return !type.getName().equals(supertype) && type.isAssignableTo(supertype);
	}

	private static boolean isAnnotated(JavaClass type, String annotation) {
		return type.isAnnotatedWith(annotation) || type.isMetaAnnotatedWith(annotation);
	}
}
