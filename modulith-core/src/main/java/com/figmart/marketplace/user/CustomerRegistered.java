package com.figmart.marketplace.user;

import org.jmolecules.event.annotation.DomainEvent;

@DomainEvent
public record CustomerRegistered(CustomerId customerId, Region region) {
}
