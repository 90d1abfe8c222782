/**
 * {@code figmart-gateway}: a command-line client of the strangler gateway's admin API
 * ({@code docs/gateway-admin-api.md}), for terminals and scripts. {@link com.figmart.strangler.cli.GatewayCli}
 * is the entry point; everything else is package-private.
 */
package com.figmart.strangler.cli;
