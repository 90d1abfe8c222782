package com.figmart.architecture.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import org.jmolecules.archunit.JMoleculesDddRules;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import com.figmart.architecture.ModuleRules;
import com.figmart.architecture.Stereotypes;
import com.figmart.marketplace.Marketplace;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The marketplace keeps Spring Modulith's module rules, jMolecules' DDD rules and our own module rules.
 * A failure names the rule and every offending dependency.
 */
class MarketplaceArchitectureTests {

	static final String ROOT = Marketplace.class.getPackageName();
	static final String SHARED_KERNEL = "kernel";

	static final JavaClasses MARKETPLACE = new ClassFileImporter()
			.withImportOption(new ImportOption.DoNotIncludeTests())
			.importPackages(ROOT);

	@Test
	void modulesHaveNoCyclesAndUseOnlyEachOthersPublishedApi() {
		ApplicationModules.of(Marketplace.class).verify();
	}

	@Test
	void domainModelKeepsTheJMoleculesDddRules() {
		JMoleculesDddRules.all().check(MARKETPLACE);
	}

	@Test
	void noModuleDependsOnAnotherModulesInternals() {
		ModuleRules.noModuleDependsOnAnotherModulesInternals(ROOT).check(MARKETPLACE);
	}

	@Test
	void repositoriesAreUsedOnlyInsideTheirOwnModule() {
		ModuleRules.repositoriesAreUsedOnlyInsideTheirOwnModule(ROOT).check(MARKETPLACE);
	}

	@Test
	void jpaEntitiesAreUsedOnlyInsideTheirOwnModule() {
		ModuleRules.jpaEntitiesAreUsedOnlyInsideTheirOwnModule(ROOT).check(MARKETPLACE);
	}

	@Test
	void webControllersDependOnlyOnTheirOwnModuleAndTheSharedKernel() {
		ModuleRules.webControllersDependOnlyOnTheirOwnModuleAndSharedModules(ROOT, SHARED_KERNEL).check(MARKETPLACE);
	}

	/**
	 * Our rules accept an application without controllers, repositories or entities; this makes sure they
	 * were not green merely because the import found none.
	 */
	@Test
	void rulesSeeTheModulesControllersRepositoriesAndEntitiesOfTheMarketplace() {
		assertThat(ApplicationModules.of(Marketplace.class).stream().map(ApplicationModule::getName))
				.contains("catalog", "user", "inventory", "order", "payment", "shipping", "analytics", SHARED_KERNEL);
		assertThat(MARKETPLACE.that(Stereotypes.webControllers())).isNotEmpty();
		assertThat(MARKETPLACE.that(Stereotypes.repositories())).isNotEmpty();
		assertThat(MARKETPLACE.that(Stereotypes.jpaEntities())).isNotEmpty();
	}
}
