/**
 * The admin REST API under {@code /admin/api}: list, read, create, change and delete rules, and read their
 * audited history. The contract is {@code docs/gateway-admin-api.md}.
 */
package com.figmart.strangler.gateway.admin;
