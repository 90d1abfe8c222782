package com.figmart.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

import com.figmart.architecture.fixture.shop.alpha.AlphaItem;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

class ModuleLayoutTests {

	static final String SHOP = "com.figmart.architecture.fixture.shop";

	ModuleLayout layout = ModuleLayout.of(SHOP);

	@Test
	void aModuleIsTheFirstPackageSegmentBelowTheRoot() {
		assertThat(layout.moduleOf(classNamed(SHOP + ".alpha.AlphaCatalog"))).contains("alpha");
		assertThat(layout.moduleOf(classNamed(SHOP + ".beta.internal.BetaControllerCallingAlpha"))).contains("beta");
	}

	@Test
	void classesOutsideTheRootBelongToNoModule() {
		assertThat(layout.moduleOf(classNamed("java.lang.String"))).isEmpty();
		assertThat(layout.isApplicationClass(classNamed("java.lang.String"))).isFalse();
	}

	@Test
	void aPackageThatMerelySharesTheRootsPrefixIsOutsideTheApplication() {
		ModuleLayout truncated = ModuleLayout.of("com.figmart.architecture.fixture.sho");

		assertThat(truncated.isApplicationClass(classNamed(SHOP + ".alpha.AlphaCatalog"))).isFalse();
	}

	@Test
	void onlyTheInternalSubPackageOfAModuleIsInternal() {
		assertThat(layout.isInternal(classNamed(SHOP + ".alpha.internal.AlphaSecrets"))).isTrue();
		assertThat(layout.isInternal(classNamed(SHOP + ".alpha.AlphaCatalog"))).isFalse();
	}

	@Test
	void arraysBelongToTheModuleOfTheirComponentType() {
		JavaClass array = new ClassFileImporter().importClass(ArrayHolder.class).getField("items").getRawType();

		assertThat(array.isArray()).isTrue();
		assertThat(layout.moduleOf(array)).contains("alpha");
	}

	@Test
	void rejectsSomethingThatIsNotAPackageName() {
		assertThatIllegalArgumentException().isThrownBy(() -> ModuleLayout.of(""));
		assertThatIllegalArgumentException().isThrownBy(() -> new ModuleLayout("com.example", "in.ternal"));
	}

	static class ArrayHolder {
		AlphaItem[] items;
	}

	static final JavaClasses SHOP_CLASSES = new ClassFileImporter().importPackages(SHOP);

	static JavaClass classNamed(String name) {
		return SHOP_CLASSES.stream()
				.filter(type -> type.getName().equals(name))
				.findFirst()
				.orElseGet(() -> new ClassFileImporter().importClass(classFor(name)));
	}

	private static Class<?> classFor(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException e) {
			throw new IllegalArgumentException(name, e);
		}
	}
}
