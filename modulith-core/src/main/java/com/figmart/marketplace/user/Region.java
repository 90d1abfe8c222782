package com.figmart.marketplace.user;

/** Where a customer lives; later the key by which customers are sharded. */
public enum Region {
	EU, NA, LATAM, APAC, MEA
}
