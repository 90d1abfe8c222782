package com.figmart.services.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.figmart.services.catalog.CatalogFailures.SkuAlreadyTaken;

import tools.jackson.databind.json.JsonMapper;

/**
 * The products table ({@code catalog.products}, migration V1): columns for what every query needs,
 * the JSONB {@code details} document for the rest, and a generated {@code search} tsvector.
 * <p>
 * A revision rewrites only the document's own keys ({@code details || ...}), so keys that another
 * writer (the CDC bridge, a later version of this service) put there survive it.
 */
@Repository
class Products {

	private static final String COLUMNS = "sku, title, details, price, currency, listed, revision, created_at, updated_at";

	private final JdbcClient jdbc;
	private final JsonMapper json;

	Products(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<Product> find(Sku sku) {
		return jdbc.sql("select " + COLUMNS + " from catalog.products where sku = :sku")
				.param("sku", sku.value())
				.query(this::product).optional();
	}

	void add(Product product) {
		try {
			jdbc.sql("""
					insert into catalog.products (sku, title, details, price, currency, listed, revision, created_at, updated_at)
					values (:sku, :title, cast(:details as jsonb), :price, :currency, :listed, :revision, :createdAt, :updatedAt)
					""")
					.params(parameters(product))
					.param("createdAt", utc(product.createdAt()))
					.update();
		}
		catch (DuplicateKeyException taken) {
			throw new SkuAlreadyTaken(product.sku());
		}
	}

	/** Writes a revision over the one it was made from; fails if another writer got there first. */
	void update(Product revised) {
		var updated = jdbc.sql("""
				update catalog.products
				   set title = :title, details = details || cast(:details as jsonb), price = :price, currency = :currency,
				       listed = :listed, revision = :revision, updated_at = :updatedAt
				 where sku = :sku and revision = :previousRevision
				""")
				.params(parameters(revised))
				.param("previousRevision", revised.revision() - 1)
				.update();
		if (updated == 0) {
			throw new OptimisticLockingFailureException(
					"Product " + revised.sku() + " is no longer at revision " + (revised.revision() - 1));
		}
	}

	Page<Product> search(ProductSearch search, Pageable pageable) {
		var conditions = new ArrayList<String>();
		var parameters = new HashMap<String, Object>();
		var query = search.fullTextQuery();
		if (search.hasText()) {
			if (query.isEmpty()) {
				return Page.empty(pageable);
			}
			conditions.add("search @@ to_tsquery('simple', :query)");
			parameters.put("query", query.get());
		}
		if (search.category() != null) {
			conditions.add("details ->> 'category' = :category");
			parameters.put("category", search.category());
		}
		if (search.listed() != null) {
			conditions.add("listed = :listed");
			parameters.put("listed", search.listed());
		}
		var where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		var orderBy = ProductSorting.orderBy(pageable.getSort(), query.isPresent());
		var total = jdbc.sql("select count(*) from catalog.products" + where).params(parameters)
				.query(Long.class).single();
		var content = jdbc.sql("select " + COLUMNS + " from catalog.products" + where + " order by " + orderBy
				+ " limit :limit offset :offset")
				.params(parameters)
				.param("limit", pageable.getPageSize())
				.param("offset", pageable.getOffset())
				.query(this::product).list();
		return new PageImpl<>(content, pageable, total);
	}

	List<CategorySummary> categories() {
		return jdbc.sql("""
				select details ->> 'category' as category, count(*) as products
				  from catalog.products
				 where listed
				 group by 1
				 order by 1
				""")
				.query((row, number) -> new CategorySummary(row.getString("category"), row.getLong("products")))
				.list();
	}

	long count() {
		return jdbc.sql("select count(*) from catalog.products").query(Long.class).single();
	}

	private Map<String, Object> parameters(Product product) {
		var document = new LinkedHashMap<String, Object>();
		document.put("description", product.description());
		document.put("category", product.category());
		document.put("attributes", product.attributes());
		var parameters = new HashMap<String, Object>();
		parameters.put("sku", product.sku().value());
		parameters.put("title", product.title());
		parameters.put("details", json.writeValueAsString(document));
		parameters.put("price", product.price().amount());
		parameters.put("currency", product.price().currency());
		parameters.put("listed", product.listed());
		parameters.put("revision", product.revision());
		parameters.put("updatedAt", utc(product.updatedAt()));
		return parameters;
	}

	private Product product(ResultSet row, int number) throws SQLException {
		var details = json.readValue(row.getString("details"), Details.class);
		return new Product(Sku.of(row.getString("sku")), row.getString("title"),
				details.description() == null ? "" : details.description(),
				details.category() == null ? "" : details.category(),
				details.attributes() == null ? Map.of() : details.attributes(),
				new Price(row.getBigDecimal("price"), row.getString("currency")), row.getBoolean("listed"),
				row.getLong("revision"), row.getObject("created_at", OffsetDateTime.class).toInstant(),
				row.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static OffsetDateTime utc(java.time.Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/** The keys of the document this service reads; any others are left alone. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Details(@Nullable String description, @Nullable String category, @Nullable Map<String, Object> attributes) {
	}
}
