/**
 * Shadow mode: the monolith answers, a copy of the request goes to the rule's new target off the client's
 * path, and the two answers are compared per rule, against the noise the monolith shows when compared with
 * itself (A/A calibration). Published: {@link com.figmart.strangler.gateway.shadow.ShadowReports} and its
 * records, {@link com.figmart.strangler.gateway.shadow.JsonPathPattern} (to validate paths of a rule's
 * shadow policy) and the order constants of the filters; everything else is package-private.
 */
@NullMarked
package com.figmart.strangler.gateway.shadow;

import org.jspecify.annotations.NullMarked;
