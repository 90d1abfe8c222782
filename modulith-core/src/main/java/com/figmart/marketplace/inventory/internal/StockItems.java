package com.figmart.marketplace.inventory.internal;

import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;

import org.jmolecules.ddd.annotation.Repository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

@Repository
interface StockItems extends CrudRepository<StockItem, String> {

	/** Locks the rows in SKU order, so two reservations of the same SKUs cannot deadlock. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from StockItem s where s.sku in :skus order by s.sku")
	List<StockItem> lockAll(Collection<String> skus);
}
