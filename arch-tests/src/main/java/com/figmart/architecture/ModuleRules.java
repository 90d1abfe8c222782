package com.figmart.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * ArchUnit rules for the boundaries between the modules of an application laid out as described by
 * {@link ModuleLayout}: a module is a direct sub-package of the root package, its published API lives at
 * its root, and its internals live in its {@code internal} sub-package.
 * <p>
 * Every rule reports each offending dependency on its own line, naming the class that depends, the class
 * it depends on, both modules, and where in the source the dependency sits.
 * <p>
 * The rules that single out a kind of class (repositories, JPA entities, controllers) accept an
 * application without such classes: having none is not a broken boundary.
 */
public final class ModuleRules {

	private ModuleRules() {
	}

	/** @see #noModuleDependsOnAnotherModulesInternals(ModuleLayout) */
	public static ArchRule noModuleDependsOnAnotherModulesInternals(String rootPackage) {
		return noModuleDependsOnAnotherModulesInternals(ModuleLayout.of(rootPackage));
	}

	/**
	 * No class of one module depends on a class in another module's internal package.
	 */
	public static ArchRule noModuleDependsOnAnotherModulesInternals(ModuleLayout layout) {
		ArchCondition<JavaClass> condition = new ArchCondition<>("not depend on other modules' internals") {
			@Override
			public void check(JavaClass origin, ConditionEvents events) {
				String originModule = layout.moduleOf(origin).orElseThrow();
				for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
					JavaClass target = ModuleLayout.nonArray(dependency.getTargetClass());
					Optional<String> targetModule = layout.moduleOf(target);
					if (targetModule.isPresent() && !targetModule.get().equals(originModule)
							&& layout.isInternal(target)) {
						events.add(SimpleConditionEvent.violated(dependency, String.format(
								"%s (module %s) depends on %s, internal to module %s: %s",
								origin.getName(), originModule, target.getName(), targetModule.get(),
								dependency.getDescription())));
					}
				}
			}
		};
		return classes().that(layout.inAModule())
				.should(condition)
				.allowEmptyShould(true)
				.as("No module depends on another module's " + layout.internalPackage() + " package")
				.because("a module's internals may change at any time; other modules use its published API "
						+ "at the module's root package or listen to its events");
	}

	/** @see #repositoriesAreUsedOnlyInsideTheirOwnModule(ModuleLayout) */
	public static ArchRule repositoriesAreUsedOnlyInsideTheirOwnModule(String rootPackage) {
		return repositoriesAreUsedOnlyInsideTheirOwnModule(ModuleLayout.of(rootPackage));
	}

	/**
	 * Repositories (Spring Data {@code Repository} subtypes and jMolecules repositories) of a module are
	 * used by classes of that module only.
	 */
	public static ArchRule repositoriesAreUsedOnlyInsideTheirOwnModule(ModuleLayout layout) {
		return classes().that(layout.inAModule()).and(Stereotypes.repositories())
				.should(onlyBeUsedInsideTheirOwnModule(layout, "repository"))
				.allowEmptyShould(true)
				.as("Repositories are used only inside their own module")
				.because("a module owns its data; other modules ask its published API or keep their own copy "
						+ "instead of reading and writing its tables");
	}

	/** @see #jpaEntitiesAreUsedOnlyInsideTheirOwnModule(ModuleLayout) */
	public static ArchRule jpaEntitiesAreUsedOnlyInsideTheirOwnModule(String rootPackage) {
		return jpaEntitiesAreUsedOnlyInsideTheirOwnModule(ModuleLayout.of(rootPackage));
	}

	/**
	 * JPA {@code @Entity} classes of a module are used by classes of that module only.
	 */
	public static ArchRule jpaEntitiesAreUsedOnlyInsideTheirOwnModule(ModuleLayout layout) {
		return classes().that(layout.inAModule()).and(Stereotypes.jpaEntities())
				.should(onlyBeUsedInsideTheirOwnModule(layout, "JPA entity"))
				.allowEmptyShould(true)
				.as("JPA entities are used only inside their own module")
				.because("a managed entity handed to another module ties that module to this one's schema, "
						+ "transactions and lazy loading; modules exchange ids, values and events instead");
	}

	/** @see #webControllersDependOnlyOnTheirOwnModuleAndSharedModules(ModuleLayout, Collection) */
	public static ArchRule webControllersDependOnlyOnTheirOwnModuleAndSharedModules(String rootPackage,
			String... sharedModules) {
		return webControllersDependOnlyOnTheirOwnModuleAndSharedModules(ModuleLayout.of(rootPackage),
				Arrays.asList(sharedModules));
	}

	/**
	 * Web controllers ({@code @RestController}s and {@code @Controller}s) depend only on classes of their
	 * own module, of the given shared modules (a shared kernel, say), and on classes outside the
	 * application (the JDK, Spring, Jakarta and other libraries).
	 *
	 * @param sharedModules names of the modules every controller may use, e.g. {@code kernel}
	 */
	public static ArchRule webControllersDependOnlyOnTheirOwnModuleAndSharedModules(ModuleLayout layout,
			Collection<String> sharedModules) {
		Set<String> shared = Set.copyOf(sharedModules);
		ArchCondition<JavaClass> condition = new ArchCondition<>(
				"depend only on their own module, shared modules " + new TreeSet<>(shared)
						+ " and classes outside the application") {
			@Override
			public void check(JavaClass controller, ConditionEvents events) {
				String controllerModule = layout.moduleOf(controller).orElseThrow();
				for (Dependency dependency : controller.getDirectDependenciesFromSelf()) {
					JavaClass target = ModuleLayout.nonArray(dependency.getTargetClass());
					if (!layout.isApplicationClass(target)) {
						continue;
					}
					Optional<String> targetModule = layout.moduleOf(target);
					boolean allowed = targetModule
							.map(module -> module.equals(controllerModule) || shared.contains(module))
							.orElse(false);
					if (!allowed) {
						events.add(SimpleConditionEvent.violated(dependency, String.format(
								"%s (controller in module %s) depends on %s (%s): %s",
								controller.getName(), controllerModule, target.getName(),
								layout.locationOf(target), dependency.getDescription())));
					}
				}
			}
		};
		return classes().that(layout.inAModule()).and(Stereotypes.webControllers())
				.should(condition)
				.allowEmptyShould(true)
				.as("Web controllers depend only on their own module, the shared modules " + new TreeSet<>(shared)
						+ " and non-application packages")
				.because("a controller is its module's HTTP edge; one that assembles answers from other "
						+ "modules hides cross-module coupling at the edge, where the module graph does not show it");
	}

	/**
	 * All rules of this class, checked together.
	 *
	 * @param sharedModules names of the modules every controller may use, e.g. {@code kernel}
	 */
	public static ArchRule all(String rootPackage, String... sharedModules) {
		ModuleLayout layout = ModuleLayout.of(rootPackage);
		List<ArchRule> rules = List.of(
				noModuleDependsOnAnotherModulesInternals(layout),
				repositoriesAreUsedOnlyInsideTheirOwnModule(layout),
				jpaEntitiesAreUsedOnlyInsideTheirOwnModule(layout),
				webControllersDependOnlyOnTheirOwnModuleAndSharedModules(layout, Arrays.asList(sharedModules)));
		return CompositeArchRule.of(rules).allowEmptyShould(true);
	}

	/**
	 * Reports every dependency on the checked class coming from a class that is not in the same module
	 * (including classes in the root package itself, which belong to no module).
	 */
	private static ArchCondition<JavaClass> onlyBeUsedInsideTheirOwnModule(ModuleLayout layout, String kind) {
		return new ArchCondition<>("only be used inside their own module") {
			@Override
			public void check(JavaClass target, ConditionEvents events) {
				String targetModule = layout.moduleOf(target).orElseThrow();
				for (Dependency dependency : target.getDirectDependenciesToSelf()) {
					JavaClass origin = dependency.getOriginClass();
					if (layout.moduleOf(origin).filter(targetModule::equals).isPresent()) {
						continue;
					}
					events.add(SimpleConditionEvent.violated(dependency, String.format(
							"%s (%s) uses %s %s (module %s): %s",
							origin.getName(), layout.locationOf(origin), kind, target.getName(), targetModule,
							dependency.getDescription())));
				}
			}
		};
	}
}
