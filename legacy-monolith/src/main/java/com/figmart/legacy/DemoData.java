package com.figmart.legacy;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import com.figmart.marketplace.catalog.Catalog;
import com.figmart.marketplace.catalog.ProductDetails;
import com.figmart.marketplace.inventory.Inventory;
import com.figmart.marketplace.kernel.Money;
import com.figmart.marketplace.kernel.Sku;

/**
 * A small catalog with stock, loaded through the modules' published APIs on the first start only
 * (when the catalog is empty), so a fresh jar has something to sell.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "figmart.demo-data.enabled", matchIfMissing = true)
class DemoData implements ApplicationRunner, Ordered {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	record DemoProduct(String sku, String name, String description, String price, String category, int stock) {
	}

	static final List<DemoProduct> PRODUCTS = List.of(
			new DemoProduct("BOOK-DDD", "Domain-Driven Design", "Tackling complexity in the heart of software", "54.90", "books", 120),
			new DemoProduct("BOOK-REFACTOR", "Refactoring", "Improving the design of existing code", "47.50", "books", 80),
			new DemoProduct("BOOK-MSP", "Microservices Patterns", "With examples in Java", "49.99", "books", 60),
			new DemoProduct("MUG-FIG", "Fig mug", "Stoneware mug, 350 ml", "12.00", "kitchen", 400),
			new DemoProduct("KETTLE-1L", "Kettle 1 l", "Stainless steel kettle", "39.00", "kitchen", 50),
			new DemoProduct("LAMP-DESK", "Desk lamp", "LED desk lamp with dimmer", "34.90", "home", 75),
			new DemoProduct("PLANT-FIG", "Fiddle-leaf fig", "A strangler fig's gentler cousin, 60 cm", "29.00", "garden", 30),
			new DemoProduct("SHEARS-01", "Pruning shears", "For cutting back what has grown too far", "18.50", "garden", 90),
			new DemoProduct("TEE-LOGO", "Figmart T-shirt", "Organic cotton, unisex", "22.00", "apparel", 200),
			new DemoProduct("CAP-LOGO", "Figmart cap", "One size", "15.00", "apparel", 150),
			new DemoProduct("HEADPH-NC", "Noise-cancelling headphones", "Over-ear, 30 h battery", "199.00", "electronics", 25),
			new DemoProduct("CABLE-USBC", "USB-C cable", "2 m, braided", "9.90", "electronics", 500));

	private final Catalog catalog;
	private final Inventory inventory;

	DemoData(Catalog catalog, Inventory inventory) {
		this.catalog = catalog;
		this.inventory = inventory;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (catalog.countProducts() > 0) {
			return;
		}
		for (var product : PRODUCTS) {
			var sku = Sku.of(product.sku());
			catalog.register(sku, new ProductDetails(product.name(), product.description(),
					Money.of(product.price(), "EUR"), product.category(), true));
			inventory.restock(sku, product.stock());
		}
		log.info("Loaded the demo catalog: {} products with stock", PRODUCTS.size());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}
}
