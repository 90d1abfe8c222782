/**
 * The CDC bridge app: the sync core with its mappings from configuration, the direction that follows the
 * system of record, and the operations API (status, barrier, direction, parity), health and metrics.
 */
package com.figmart.cdc.bridge;
