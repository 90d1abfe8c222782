package com.figmart.marketplace.catalog.internal;

import java.util.List;

import org.jmolecules.ddd.annotation.Repository;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.query.Param;

@Repository
interface Products extends CrudRepository<Product, String> {

	/**
	 * Text search over name and description, optionally within one category; {@code null} filters
	 * match everything.
	 */
	@Query("""
			select p from Product p
			where (:text is null or lower(p.name) like :text escape '\\' or lower(p.description) like :text escape '\\')
			  and (:category is null or p.category = :category)
			  and (:active is null or p.active = :active)
			""")
	Page<Product> search(@Param("text") String textPattern, @Param("category") String category,
			@Param("active") Boolean active, Pageable pageable);

	@Query("select new com.figmart.marketplace.catalog.internal.CategorySummary(p.category, count(p)) "
			+ "from Product p where p.active = true group by p.category order by p.category")
	List<CategorySummary> categories();
}
