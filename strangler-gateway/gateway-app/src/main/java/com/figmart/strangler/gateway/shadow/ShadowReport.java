package com.figmart.strangler.gateway.shadow;

import java.util.List;

/**
 * A rule's summary with its last mismatches, newest first.
 *
 * @param summary the figures
 * @param mismatches the last mismatches of the new target
 * @param noise the last A/A mismatches: where the monolith differs from itself
 */
public record ShadowReport(ShadowSummary summary, List<ShadowMismatch> mismatches, List<ShadowMismatch> noise) {

}
