/**
 * {@code figmart-cdc}: the CDC bridge's command-line client (status, parity, barrier, direction) over its HTTP API.
 */
package com.figmart.cdc.cli;
