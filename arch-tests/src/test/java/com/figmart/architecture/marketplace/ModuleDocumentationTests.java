package com.figmart.architecture.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import com.figmart.marketplace.Marketplace;

/**
 * Writes the marketplace's module documentation (a C4 component diagram of all modules, one diagram and one
 * canvas per module) to {@code target/spring-modulith-docs}.
 */
class ModuleDocumentationTests {

	static final Path OUTPUT = Path.of("target", "spring-modulith-docs");

	@Test
	void writesADiagramOfAllModulesAndADiagramAndCanvasPerModule() {
		ApplicationModules modules = ApplicationModules.of(Marketplace.class);

		new Documenter(modules).writeDocumentation();

		assertThat(OUTPUT.resolve("components.puml")).isNotEmptyFile();
		modules.forEach(module -> {
			assertThat(OUTPUT.resolve("module-" + module.getIdentifier() + ".puml")).isNotEmptyFile();
			assertThat(OUTPUT.resolve("module-" + module.getIdentifier() + ".adoc")).isNotEmptyFile();
		});
	}
}
