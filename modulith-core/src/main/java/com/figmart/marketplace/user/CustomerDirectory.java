package com.figmart.marketplace.user;

/** What other modules may ask of the user module. */
public interface CustomerDirectory {

	boolean exists(CustomerId customer);
}
