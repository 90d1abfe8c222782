/**
 * The shared kernel: the few value types every module speaks ({@link com.figmart.marketplace.kernel.Money},
 * {@link com.figmart.marketplace.kernel.Sku}), the failure types that the web edge maps to problem
 * details, and that mapping itself.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN, displayName = "Shared kernel")
@NullMarked
package com.figmart.marketplace.kernel;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
