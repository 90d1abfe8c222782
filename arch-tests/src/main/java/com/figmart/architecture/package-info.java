/**
 * Architecture rules for applications cut into modules, one direct sub-package of a root package per
 * module, with each module's internals in a sub-package named {@code internal}.
 * <p>
 * The rules know nothing of any particular application: they are parameterised by the root package
 * (and, where it matters, the names of the shared modules). Framework types are matched by name so
 * that neither Spring nor JPA has to be on the classpath of the rules themselves.
 */
package com.figmart.architecture;
