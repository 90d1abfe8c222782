package com.figmart.cdc.bridge;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.figmart.cdc.core.ParityReport;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The bridge's operations API: status, direction, barrier and parity. */
@RestController
class SyncController {

	static final String PROBLEM_TYPES = "https://figmart.dev/problems/";

	private final SyncBridge bridge;

	SyncController(SyncBridge bridge) {
		this.bridge = bridge;
	}

	@GetMapping("/api/sync")
	SyncStatus status() {
		return SyncStatus.of(this.bridge);
	}

	record DirectionView(Direction direction, Instant changedAt, Long barrierMillis) {
	}

	record DirectionRequest(String direction) {
	}

	@GetMapping("/api/sync/direction")
	DirectionView direction() {
		return new DirectionView(this.bridge.direction(), this.bridge.directionChangedAt(), null);
	}

	/** Barrier on the current system of record, then the switch: only when everything is applied. */
	@PutMapping("/api/sync/direction")
	ResponseEntity<?> switchDirection(@RequestBody(required = false) DirectionRequest request) {
		Direction requested;
		try {
			requested = Direction.valueOf(String.valueOf((request != null) ? request.direction() : null).trim());
		}
		catch (IllegalArgumentException ex) {
			return problem(HttpStatus.BAD_REQUEST, "invalid-direction", "Invalid direction",
					"direction must be FORWARD or REVERSE, not " + ((request != null) ? request.direction() : null),
					"/api/sync/direction");
		}
		try {
			var waited = this.bridge.switchTo(requested);
			return ResponseEntity.ok(new DirectionView(this.bridge.direction(), this.bridge.directionChangedAt(),
					waited.toMillis()));
		}
		catch (TimeoutException ex) {
			return problem(HttpStatus.CONFLICT, "lag-not-zero", "Lag did not reach zero",
					"The barrier was not applied within " + this.bridge.properties().barrierTimeout()
							+ "; the direction stays " + this.bridge.direction(),
					"/api/sync/direction");
		}
		catch (IllegalStateException ex) {
			return problem(HttpStatus.CONFLICT, "direction-unavailable", "Direction unavailable", ex.getMessage(),
					"/api/sync/direction");
		}
	}

	@PostMapping("/api/sync/barrier")
	ResponseEntity<?> barrier() {
		try {
			var waited = this.bridge.barrier();
			return ResponseEntity.ok(Map.of("direction", this.bridge.direction(), "barrierMillis", waited.toMillis()));
		}
		catch (TimeoutException ex) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "lag-not-zero", "Lag did not reach zero",
					"The barrier was not applied within " + this.bridge.properties().barrierTimeout(),
					"/api/sync/barrier");
		}
	}

	record ParityView(boolean clean, List<ParityReport> mappings) {
	}

	@GetMapping("/api/parity")
	ParityView parity() {
		var reports = this.bridge.parity();
		return new ParityView(reports.stream().allMatch(ParityReport::clean), reports);
	}

	static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail,
			String instance) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(PROBLEM_TYPES + type));
		problem.setTitle(title);
		problem.setInstance(URI.create(instance));
		return ResponseEntity.status(status).body(problem);
	}
}
