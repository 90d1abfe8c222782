package com.figmart.architecture;

import java.util.Objects;
import java.util.Optional;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/**
 * How an application is cut into modules: every direct sub-package of {@code rootPackage} is a module,
 * and a module's sub-package {@code internalPackage} (and everything below it) is not meant to be used
 * by other modules.
 *
 * @param rootPackage the application's root package, e.g. {@code com.example.shop}
 * @param internalPackage the simple name of a module's internal sub-package, e.g. {@code internal}
 */
public record ModuleLayout(String rootPackage, String internalPackage) {

	public static final String DEFAULT_INTERNAL_PACKAGE = "internal";

	public ModuleLayout {
		Objects.requireNonNull(rootPackage, "root package must not be null");
		Objects.requireNonNull(internalPackage, "internal package must not be null");
		if (rootPackage.isBlank() || rootPackage.startsWith(".") || rootPackage.endsWith(".")) {
			throw new IllegalArgumentException("not a package name: '" + rootPackage + "'");
		}
		if (internalPackage.isBlank() || internalPackage.contains(".")) {
			throw new IllegalArgumentException("not a simple package name: '" + internalPackage + "'");
		}
	}

	/** A layout with the conventional {@code internal} sub-package per module. */
	public static ModuleLayout of(String rootPackage) {
		return new ModuleLayout(rootPackage, DEFAULT_INTERNAL_PACKAGE);
	}

	/**
	 * The module a class belongs to: the first package segment below the root. Empty for classes
	 * outside the root package and for classes directly in it (such as the application class).
	 */
	public Optional<String> moduleOf(JavaClass type) {
		String relative = relativePackageOf(type);
		if (relative == null || relative.isEmpty()) {
			return Optional.empty();
		}
		int dot = relative.indexOf('.');
		return Optional.of(dot < 0 ? relative : relative.substring(0, dot));
	}

	/** Whether the class lives in the root package or below it. */
	public boolean isApplicationClass(JavaClass type) {
		return relativePackageOf(type) != null;
	}

	/** Whether the class lives in its module's internal package or below it. */
	public boolean isInternal(JavaClass type) {
		String relative = relativePackageOf(type);
		if (relative == null) {
			return false;
		}
		String[] segments = relative.split("\\.");
		return segments.length >= 2 && segments[1].equals(internalPackage);
	}

	/** Matches classes that belong to some module. */
	public DescribedPredicate<JavaClass> inAModule() {
		return DescribedPredicate.describe("reside in a module of " + rootPackage,
				type -> moduleOf(type).isPresent());
	}

	/** A short, readable location of a class, e.g. {@code "module order"}. */
	String locationOf(JavaClass type) {
		return moduleOf(type)
				.map(module -> "module " + module)
				.orElse(isApplicationClass(type) ? "root package, no module" : "outside the application");
	}

	/** The package below the root ({@code ""} for the root itself), or {@code null} outside it. */
	private String relativePackageOf(JavaClass type) {
		String packageName = nonArray(type).getPackageName();
		if (packageName.equals(rootPackage)) {
			return "";
		}
		if (packageName.startsWith(rootPackage + ".")) {
			return packageName.substring(rootPackage.length() + 1);
		}
		return null;
	}

	static JavaClass nonArray(JavaClass type) {
		return type.isArray() ? type.getBaseComponentType() : type;
	}
}
