package com.figmart.marketplace.order.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.figmart.marketplace.catalog.Catalog;
import com.figmart.marketplace.catalog.ProductInfo;
import com.figmart.marketplace.kernel.Sku;
import com.figmart.marketplace.order.OrderId;
import com.figmart.marketplace.order.OrderLine;
import com.figmart.marketplace.order.internal.Order.OrderView;
import com.figmart.marketplace.order.internal.OrderFailures.CartNotFoundException;
import com.figmart.marketplace.order.internal.OrderFailures.IdempotencyKeyReusedException;
import com.figmart.marketplace.order.internal.OrderFailures.MixedCurrenciesException;
import com.figmart.marketplace.order.internal.OrderFailures.OrderNotFoundException;
import com.figmart.marketplace.order.internal.OrderFailures.UnavailableProductsException;
import com.figmart.marketplace.order.internal.OrderFailures.UnknownCustomerException;
import com.figmart.marketplace.user.CustomerDirectory;
import com.figmart.marketplace.user.CustomerId;

/**
 * Places, reads and cancels orders. Placing prices every line from the catalog as it is at that
 * moment, stores the order with its Idempotency-Key, and starts the checkout saga, all in one
 * transaction: either all of it happens or none.
 */
@Service
@Transactional
class OrderManagement {

	private final Orders orders;
	private final Carts carts;
	private final IdempotencyKeys idempotencyKeys;
	private final Catalog catalog;
	private final CustomerDirectory customers;
	private final CheckoutSaga saga;
	private final Clock clock;

	OrderManagement(Orders orders, Carts carts, IdempotencyKeys idempotencyKeys, Catalog catalog,
			CustomerDirectory customers, CheckoutSaga saga, Clock clock) {
		this.orders = orders;
		this.carts = carts;
		this.idempotencyKeys = idempotencyKeys;
		this.catalog = catalog;
		this.customers = customers;
		this.saga = saga;
		this.clock = clock;
	}

	/** What was asked for: a SKU and how many. */
	record Wanted(Sku sku, int quantity) {
	}

	/** The order a request led to, and whether an earlier request with the same key created it. */
	record Placement(OrderView order, boolean replayed) {
	}

	Placement place(UUID customerId, List<Wanted> wanted, String paymentToken, @Nullable String idempotencyKey) {
		var customer = CustomerId.of(customerId);
		var merged = merge(wanted);
		var fingerprint = fingerprint("order", customer.toString(), merged.toString(), paymentToken);
		var replay = replay(idempotencyKey, fingerprint);
		if (replay.isPresent()) {
			return replay.get();
		}
		var order = placeOrder(customer, merged, paymentToken);
		remember(idempotencyKey, fingerprint, order);
		return new Placement(order.toView(), false);
	}

	Placement checkout(UUID cartId, String paymentToken, @Nullable String idempotencyKey) {
		var fingerprint = fingerprint("cart", cartId.toString(), paymentToken);
		var replay = replay(idempotencyKey, fingerprint);
		if (replay.isPresent()) {
			return replay.get();
		}
		var cart = carts.findById(cartId).orElseThrow(() -> new CartNotFoundException(cartId));
		var wanted = cart.items().stream().map(item -> new Wanted(Sku.of(item.sku()), item.quantity())).toList();
		if (wanted.isEmpty()) {
			throw new OrderFailures.EmptyCartException(cartId);
		}
		var order = placeOrder(cart.customerId(), merge(wanted), paymentToken);
		cart.checkedOut(order.id(), clock.instant());
		remember(idempotencyKey, fingerprint, order);
		return new Placement(order.toView(), false);
	}

	/**
	 * The order an earlier request with this key placed, if any. Fails when the key came with a
	 * different request. Runs inside the placing transaction.
	 */
	private Optional<Placement> replay(@Nullable String idempotencyKey, String fingerprint) {
		if (idempotencyKey == null) {
			return Optional.empty();
		}
		return idempotencyKeys.findById(idempotencyKey).map(known -> {
			if (!known.matches(fingerprint)) {
				throw new IdempotencyKeyReusedException(idempotencyKey);
			}
			return new Placement(get(new OrderId(known.orderId())), true);
		});
	}

	@Transactional(readOnly = true)
	OrderView get(OrderId id) {
		return find(id).toView();
	}

	@Transactional(readOnly = true)
	boolean isSettled(OrderId id) {
		return find(id).status().isSettled();
	}

	OrderView cancel(OrderId id) {
		var order = find(id);
		order.cancel(clock.instant());
		saga.compensateCancellation(order);
		return orders.save(order).toView();
	}

	private Order placeOrder(CustomerId customer, List<Wanted> wanted, String paymentToken) {
		if (!customers.exists(customer)) {
			throw new UnknownCustomerException(customer);
		}
		var products = wanted.stream().map(Wanted::sku).distinct()
				.collect(Collectors.toMap(sku -> sku, sku -> catalog.findProduct(sku).filter(ProductInfo::active)));
		var unavailable = products.entrySet().stream().filter(entry -> entry.getValue().isEmpty())
				.map(Map.Entry::getKey).sorted(java.util.Comparator.comparing(Sku::value)).toList();
		if (!unavailable.isEmpty()) {
			throw new UnavailableProductsException(unavailable);
		}
		var lines = wanted.stream().map(line -> {
			var product = products.get(line.sku()).orElseThrow();
			return new OrderLine(product.sku(), product.name(), product.category(), line.quantity(), product.price());
		}).toList();
		if (lines.stream().map(line -> line.unitPrice().currency()).distinct().count() > 1) {
			throw new MixedCurrenciesException();
		}
		var order = orders.save(Order.place(customer, lines, paymentToken, clock.instant()));
		saga.begin(order);
		return order;
	}

	private void remember(@Nullable String idempotencyKey, String fingerprint, Order order) {
		if (idempotencyKey != null) {
			idempotencyKeys.save(new IdempotencyKey(idempotencyKey, fingerprint, order.id().id(), clock.instant()));
		}
	}

	private Order find(OrderId id) {
		return orders.findById(id.id()).orElseThrow(() -> new OrderNotFoundException(id));
	}

	/** The same SKU on two lines is one line with both quantities; lines keep the order they came in. */
	private static List<Wanted> merge(List<Wanted> wanted) {
		var quantities = new LinkedHashMap<Sku, Integer>();
		wanted.forEach(line -> quantities.merge(line.sku(), line.quantity(), Math::addExact));
		return quantities.entrySet().stream().map(entry -> new Wanted(entry.getKey(), entry.getValue())).toList();
	}

	private static String fingerprint(String... parts) {
		try {
			var digest = MessageDigest.getInstance("SHA-256")
					.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
