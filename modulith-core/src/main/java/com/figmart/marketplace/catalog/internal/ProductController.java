package com.figmart.marketplace.catalog.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.figmart.marketplace.catalog.ProductDetails;
import com.figmart.marketplace.catalog.ProductInfo;
import com.figmart.marketplace.kernel.Sku;
import com.figmart.marketplace.kernel.web.MoneyPayload;

@RestController
@RequestMapping("/api/catalog")
class ProductController {

	private final ProductCatalog catalog;

	ProductController(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@PostMapping("/products")
	ResponseEntity<ProductInfo> register(@Valid @RequestBody NewProduct request) {
		var product = catalog.register(Sku.of(request.sku()), request.details().toDetails());
		var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{sku}")
				.buildAndExpand(product.sku().value()).toUri();
		return ResponseEntity.created(location).body(product);
	}

	@PutMapping("/products/{sku}")
	ProductInfo revise(@PathVariable Sku sku, @Valid @RequestBody ProductPayload request) {
		return catalog.revise(sku, request.toDetails());
	}

	@GetMapping("/products/{sku}")
	ProductInfo product(@PathVariable Sku sku) {
		return catalog.get(sku);
	}

	@GetMapping("/products")
	PagedModel<ProductInfo> search(@RequestParam(name = "q", required = false) @Nullable String text,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable Boolean active,
			@PageableDefault(size = 20, sort = "name", direction = Sort.Direction.ASC) Pageable pageable) {
		return new PagedModel<>(catalog.search(text, category, active, ProductSorting.translate(pageable)));
	}

	@GetMapping("/categories")
	List<CategorySummary> categories() {
		return catalog.categories();
	}

	record NewProduct(@NotBlank @Pattern(regexp = Sku.PATTERN, message = "must be 3 to 32 letters, digits or dashes") @Nullable String sku,
			@NotBlank @Size(max = 200) @Nullable String name, @Size(max = 2000) @Nullable String description,
			@NotNull @Valid @Nullable MoneyPayload price,
			@NotBlank @Pattern(regexp = ProductDetails.CATEGORY_PATTERN, message = "must be a lower-case slug such as 'home-garden'") @Nullable String category,
			@Nullable Boolean active) {

		ProductPayload details() {
			return new ProductPayload(name, description, price, category, active);
		}
	}

	record ProductPayload(@NotBlank @Size(max = 200) @Nullable String name, @Size(max = 2000) @Nullable String description,
			@NotNull @Valid @Nullable MoneyPayload price,
			@NotBlank @Pattern(regexp = ProductDetails.CATEGORY_PATTERN, message = "must be a lower-case slug such as 'home-garden'") @Nullable String category,
			@Nullable Boolean active) {

		ProductDetails toDetails() {
			return new ProductDetails(name, description, price.toMoney(), category, active == null || active);
		}
	}
}
