package com.figmart.strangler.gateway.shadow;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.figmart.strangler.gateway.LiveRules;
import com.figmart.strangler.gateway.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/api/shadow}: the shadow figures of the rules, for operators, the CLI and the dashboard.
 * See {@code docs/gateway-admin-api.md}.
 */
@RestController
@RequestMapping(path = "/admin/api/shadow", produces = MediaType.APPLICATION_JSON_VALUE)
class ShadowAdminController {

	private final ShadowReports reports;

	private final LiveRules rules;

	ShadowAdminController(ShadowReports reports, LiveRules rules) {
		this.reports = reports;
		this.rules = rules;
	}

	@GetMapping
	Map<String, List<ShadowSummary>> summaries() {
		return Map.of("rules", this.reports.summaries());
	}

	/** A live rule without shadow traffic yet has an empty report; an unknown rule is a 404. */
	@GetMapping("/{ruleId}")
	ResponseEntity<?> report(@PathVariable String ruleId) {
		return this.reports.report(ruleId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> {
			if (this.rules.rule(ruleId).isPresent()) {
				return ResponseEntity.ok(new ShadowReport(this.reports.empty(ruleId), List.of(), List.of()));
			}
			return unknownRule(ruleId);
		});
	}

	@DeleteMapping("/{ruleId}")
	ResponseEntity<?> reset(@PathVariable String ruleId) {
		if (this.reports.reset(ruleId) || this.rules.rule(ruleId).isPresent()) {
			return ResponseEntity.noContent().build();
		}
		return unknownRule(ruleId);
	}

	private static ResponseEntity<?> unknownRule(String ruleId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"no rule '" + ruleId + "' and no shadow figures for it");
		problem.setType(URI.create(Problems.TYPE_PREFIX + "unknown-rule"));
		problem.setTitle("Unknown rule");
		problem.setProperty("ruleId", ruleId);
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
