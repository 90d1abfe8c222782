/**
 * The CDC sync core: captures row changes of PostgreSQL tables with Debezium and applies them to other
 * tables through declared, reversible {@link com.figmart.cdc.core.TableMapping mappings}, idempotently and
 * in order per row. Knows nothing of the data it carries.
 */
package com.figmart.cdc.core;
