package com.figmart.services.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The monolith's catalog contract, request for request and field for field. Two additions that a
 * client of the monolith never notices: free-form {@code attributes} (sent only when a product has
 * some), and the revision as an {@code ETag} that a {@code PUT} may name in {@code If-Match}.
 */
@RestController
@RequestMapping("/api/catalog")
class ProductController {

	private static final String CATEGORY_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";
	private static final String CATEGORY_MESSAGE = "must be a lower-case slug such as 'home-garden'";

	private final ProductCatalog catalog;

	ProductController(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@PostMapping("/products")
	ResponseEntity<ProductView> register(@Valid @RequestBody NewProduct request) {
		var product = catalog.register(Sku.of(request.sku()), request.content().toContent());
		var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{sku}")
				.buildAndExpand(product.sku().value()).toUri();
		return ResponseEntity.created(location).eTag(eTag(product)).body(ProductView.of(product));
	}

	@PutMapping("/products/{sku}")
	ResponseEntity<ProductView> revise(@PathVariable Sku sku, @Valid @RequestBody ProductPayload request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		var product = catalog.revise(sku, request.toContent(), expectedRevision(ifMatch));
		return ResponseEntity.ok().eTag(eTag(product)).body(ProductView.of(product));
	}

	@GetMapping("/products/{sku}")
	ResponseEntity<ProductView> product(@PathVariable Sku sku) {
		var product = catalog.get(sku);
		return ResponseEntity.ok().eTag(eTag(product)).body(ProductView.of(product));
	}

	@GetMapping("/products")
	PagedModel<ProductView> search(@RequestParam(name = "q", required = false) @Nullable String text,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable Boolean active,
			@PageableDefault(size = 20) Pageable pageable) {
		return new PagedModel<>(catalog.search(new ProductSearch(text, category, active), pageable).map(ProductView::of));
	}

	@GetMapping("/categories")
	List<CategorySummary> categories() {
		return catalog.categories();
	}

	private static String eTag(Product product) {
		return "\"" + product.revision() + "\"";
	}

	/** The revision an {@code If-Match} names; {@code *} and no header both mean "whatever it is now". */
	private static @Nullable String expectedRevision(@Nullable String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
			return null;
		}
		return ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
	}

	/** A product as clients see it: the monolith's {@code ProductInfo}, plus attributes when there are any. */
	record ProductView(Sku sku, String name, String description, Price price, String category, boolean active,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> attributes) {

		static ProductView of(Product product) {
			return new ProductView(product.sku(), product.title(), product.description(), product.price(),
					product.category(), product.listed(), product.attributes());
		}
	}

	record NewProduct(
			@NotBlank @Pattern(regexp = Sku.PATTERN, message = "must be 3 to 32 letters, digits or dashes") @Nullable String sku,
			@NotBlank @Size(max = 200) @Nullable String name, @Size(max = 2000) @Nullable String description,
			@NotNull @Valid @Nullable PricePayload price,
			@NotBlank @Pattern(regexp = CATEGORY_PATTERN, message = CATEGORY_MESSAGE) @Nullable String category,
			@Nullable Boolean active, @Nullable Map<String, Object> attributes) {

		ProductPayload content() {
			return new ProductPayload(name, description, price, category, active, attributes);
		}
	}

	record ProductPayload(@NotBlank @Size(max = 200) @Nullable String name,
			@Size(max = 2000) @Nullable String description, @NotNull @Valid @Nullable PricePayload price,
			@NotBlank @Pattern(regexp = CATEGORY_PATTERN, message = CATEGORY_MESSAGE) @Nullable String category,
			@Nullable Boolean active, @Nullable Map<String, Object> attributes) {

		ProductContent toContent() {
			return new ProductContent(Objects.requireNonNull(name), description == null ? "" : description,
					Objects.requireNonNull(price).toPrice(), Objects.requireNonNull(category), active == null || active,
					attributes);
		}
	}

	/** A price as clients send it: validated field by field, so a bad price names the field at fault. */
	record PricePayload(
			@NotNull @PositiveOrZero @Digits(integer = 12, fraction = 2) @Nullable BigDecimal amount,
			@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") @Nullable String currency) {

		@JsonIgnore
		@AssertTrue(message = "must be a known ISO 4217 currency whose decimals the amount respects")
		public boolean isValidForCurrency() {
			if (amount == null || currency == null || !currency.matches("[A-Z]{3}")) {
				return true; // the field constraints report these
			}
			try {
				var known = Currency.getInstance(currency);
				return amount.stripTrailingZeros().scale() <= Math.max(0, known.getDefaultFractionDigits());
			}
			catch (IllegalArgumentException unknown) {
				return false;
			}
		}

		Price toPrice() {
			return new Price(Objects.requireNonNull(amount), Objects.requireNonNull(currency));
		}
	}
}
