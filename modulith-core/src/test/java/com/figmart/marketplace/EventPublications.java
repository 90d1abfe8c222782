package com.figmart.marketplace;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads Spring Modulith's event publication registry. With {@code completion-mode: delete} a
 * publication leaves the table once its listener succeeded, so "none pending" means "all handled".
 */
public final class EventPublications {

	private final JdbcClient jdbc;

	public EventPublications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Publications not yet completed whose serialized event mentions the text (an order id, say). */
	public long pendingMentioning(Object text) {
		return jdbc.sql("select count(*) from modulith.event_publication where serialized_event like ?")
				.param("%" + text + "%").query(Long.class).single();
	}
}
