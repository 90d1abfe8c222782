package com.figmart.strangler.gateway.admin;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import com.figmart.strangler.gateway.GatewayRule;
import com.figmart.strangler.gateway.Problems;
import com.figmart.strangler.gateway.Targets;
import com.figmart.strangler.gateway.WriteHolds;
import com.figmart.strangler.gateway.store.Attribution;
import com.figmart.strangler.gateway.store.HoldAcknowledgements;
import com.figmart.strangler.gateway.store.InvalidRuleException;
import com.figmart.strangler.gateway.store.RuleAlreadyExistsException;
import com.figmart.strangler.gateway.store.RuleChangeRecord;
import com.figmart.strangler.gateway.store.RuleJson;
import com.figmart.strangler.gateway.store.RuleNotFoundException;
import com.figmart.strangler.gateway.store.RuleStore;
import com.figmart.strangler.gateway.store.RuleVersionConflictException;
import com.figmart.strangler.gateway.store.StoredRule;
import com.figmart.strangler.gateway.store.WriteHold;
import com.figmart.strangler.gateway.store.WriteHoldNotActiveException;
import com.figmart.strangler.rules.Mode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code /admin/api/rules} and {@code /admin/api/history}, as documented in {@code docs/gateway-admin-api.md}.
 *
 * <p>Request bodies are read as JSON trees rather than bound to types, so that every problem (a missing field, a
 * wrong type, an unknown field) is answered with the name of the field. The store blocks on JDBC, so every call to
 * it runs on the bounded elastic scheduler, never on the event loop.
 */
@RestController
@RequestMapping("/admin/api")
class RuleAdminController {

	private static final Log logger = LogFactory.getLog(RuleAdminController.class);

	static final String PROBLEMS = Problems.TYPE_PREFIX;

	private static final int DEFAULT_HISTORY = 50;

	private static final int MAX_HISTORY = 1000;

	/** Ids appear in URLs and headers: keep them plain. */
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final Duration ACKNOWLEDGEMENT_POLL = Duration.ofMillis(20);

	private static final Set<String> EDITABLE = Set.of("methods", "pattern", "mode", "target", "policy");

	private final RuleStore store;

	private final Targets targets;

	private final WriteHolds writeHolds;

	RuleAdminController(RuleStore store, Targets targets, WriteHolds writeHolds) {
		this.store = store;
		this.targets = targets;
		this.writeHolds = writeHolds;
	}

	@GetMapping("/rules")
	Mono<ObjectNode> rules() {
		return blocking(() -> {
			ObjectNode body = JsonNodeFactory.instance.objectNode();
			ArrayNode rules = body.putArray("rules");
			store.rules().forEach((rule) -> rules.add(withLocalHold(rule)));
			return body;
		});
	}

	@GetMapping("/rules/{id}")
	Mono<ObjectNode> rule(@PathVariable String id) {
		return blocking(() -> withLocalHold(store.find(id).orElseThrow(() -> new RuleNotFoundException(id))));
	}

	/**
	 * Holds the rule's unsafe requests on every instance for at most {@code maxHoldMillis}, then answers once every
	 * live instance holds them and has no unsafe request of the rule under way any more (or after the drain
	 * timeout, saying so).
	 */
	@PostMapping("/rules/{id}/write-hold")
	Mono<ObjectNode> hold(@PathVariable String id, @RequestBody(required = false) Mono<String> body,
			ServerWebExchange exchange) {
		Duration ceiling = writeHolds.properties().maxHold();
		return request(body, exchange).flatMap((request) -> {
			JsonNode document = request.document();
			InvalidRules errors = new InvalidRules();
			errors.onlyKnown(document, Set.of("maxHoldMillis", "reason"));
			String reason = errors.reason(document);
			Duration duration = ceiling;
			JsonNode max = document.get("maxHoldMillis");
			if (max != null && !max.isNull()) {
				if (!max.isIntegralNumber() || !max.canConvertToLong() || max.asLong() < 1) {
					errors.add("maxHoldMillis", "must be a whole number of milliseconds of at least 1");
				}
				else if (max.asLong() > ceiling.toMillis()) {
					errors.add("maxHoldMillis", "must be at most " + ceiling.toMillis()
							+ " (figmart.gateway.write-hold.max-hold), was " + max.asLong());
				}
				else {
					duration = Duration.ofMillis(max.asLong());
				}
			}
			errors.throwIfAny();
			Duration holdFor = duration;
			return blocking(() -> store.hold(id, holdFor, Attribution.by(request.actor(), reason)));
		}).flatMap((held) -> {
			WriteHold hold = held.writeHold();
			Duration left = Duration.between(Instant.now(), hold.heldUntil());
			Duration drainFor = writeHolds.properties().drainTimeout();
			drainFor = (left.compareTo(drainFor) < 0) ? left : drainFor;
			// every live instance says in the store when it holds the rule and its writes under way are answered
			return Flux.interval(Duration.ZERO, ACKNOWLEDGEMENT_POLL)
				.onBackpressureDrop()
				.concatMap((tick) -> blocking(() -> store.acknowledgements(id, hold.heldSince())))
				.takeUntil(HoldAcknowledgements::complete)
				.take(drainFor.isNegative() ? Duration.ZERO : drainFor)
				.last(new HoldAcknowledgements(0, 0))
				.map((acknowledgements) -> {
					ObjectNode answer = JsonNodeFactory.instance.objectNode();
					answer.put("ruleId", id);
					answer.put("version", held.version());
					answer.put("heldSince", hold.heldSince().toString());
					answer.put("heldUntil", hold.heldUntil().toString());
					answer.put("inFlightDrained", acknowledgements.complete());
					answer.put("instances", acknowledgements.instances());
					answer.put("instancesDrained", acknowledgements.drained());
					answer.put("inFlight", writeHolds.inFlight(id));
					answer.put("waiting", writeHolds.waiting(id));
					return answer;
				});
		});
	}

	/**
	 * Releases the rule's write hold; with {@code mode} (and the {@code version} it is based on), sets the rule's
	 * mode in the same step, so the held writes go where the new mode sends them.
	 */
	@DeleteMapping("/rules/{id}/write-hold")
	Mono<ObjectNode> release(@PathVariable String id, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String mode, @RequestParam(required = false) String version,
			ServerWebExchange exchange) {
		InvalidRules errors = new InvalidRules();
		String why = errors.reasonParameter(reason, "why the hold is released");
		Mode thenMode = null;
		if (mode != null) {
			try {
				thenMode = Mode.parse(mode.strip());
			}
			catch (IllegalArgumentException ex) {
				errors.add("mode", ex.getMessage() + "; expected LEGACY, SHADOW, NEW or CANARY(0..100)");
			}
		}
		Long basedOn = errors.versionParameter(version, mode != null,
				"the version a release with a mode is based on (?version=N)");
		if (errors.any()) {
			return Mono.error(errors.exception());
		}
		Mode newMode = thenMode;
		Duration margin = writeHolds.properties().releaseMargin();
		return actor(exchange).flatMap((actor) -> blocking(
				() -> RuleJson.toJson(store.release(id, newMode, basedOn, margin, Attribution.by(actor, why)))));
	}

	/** The rule as stored, with how many requests wait for its hold on this instance. */
	private ObjectNode withLocalHold(StoredRule rule) {
		ObjectNode node = RuleJson.toJson(rule);
		if (node.get("writeHold") instanceof ObjectNode hold) {
			hold.put("waiting", writeHolds.waiting(rule.id()));
		}
		return node;
	}

	@PostMapping("/rules")
	Mono<ResponseEntity<ObjectNode>> create(@RequestBody(required = false) Mono<String> body,
			ServerWebExchange exchange) {
		return request(body, exchange).flatMap((request) -> blocking(() -> {
			JsonNode document = request.document();
			InvalidRules errors = new InvalidRules();
			errors.onlyKnown(document, Set.of("id", "methods", "pattern", "mode", "target", "policy", "reason",
					"version", "updatedAt", "updatedBy", "writeHold"));
			String reason = errors.reason(document);
			JsonNode id = document.get("id");
			if (id != null && id.isString() && !id.asString().isBlank() && !ID.matcher(id.asString()).matches()) {
				errors.add("id", "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
			}
			GatewayRule rule = errors.readRule(document, targets);
			errors.throwIfAny();
			StoredRule created = store.create(rule, Attribution.by(request.actor(), reason));
			return ResponseEntity.created(URI.create("/admin/api/rules/" + created.id()))
				.body(RuleJson.toJson(created));
		}));
	}

	@PutMapping("/rules/{id}")
	Mono<ObjectNode> replace(@PathVariable String id, @RequestBody(required = false) Mono<String> body,
			ServerWebExchange exchange) {
		return request(body, exchange).flatMap((request) -> blocking(() -> {
			ObjectNode document = (ObjectNode) request.document().deepCopy();
			InvalidRules errors = new InvalidRules();
			errors.onlyKnown(document, Set.of("id", "methods", "pattern", "mode", "target", "policy", "reason",
					"version", "updatedAt", "updatedBy", "writeHold"));
			String reason = errors.reason(document);
			Long version = errors.version(document);
			JsonNode bodyId = document.get("id");
			if (bodyId != null && !bodyId.isNull() && !(bodyId.isString() && id.equals(bodyId.asString()))) {
				errors.add("id", "must be the id of the path, '" + id + "', or left out");
			}
			document.put("id", id);
			GatewayRule rule = errors.readRule(document, targets);
			errors.throwIfAny();
			return RuleJson.toJson(
					store.update(id, version, (current) -> rule, Attribution.by(request.actor(), reason)));
		}));
	}

	@PatchMapping("/rules/{id}")
	Mono<ObjectNode> change(@PathVariable String id, @RequestBody(required = false) Mono<String> body,
			ServerWebExchange exchange) {
		return request(body, exchange).flatMap((request) -> blocking(() -> {
			JsonNode patch = request.document();
			InvalidRules errors = new InvalidRules();
			List<String> allowed = new ArrayList<>(EDITABLE);
			allowed.add("version");
			allowed.add("reason");
			errors.onlyKnown(patch, Set.copyOf(allowed));
			String reason = errors.reason(patch);
			Long version = errors.version(patch);
			if (EDITABLE.stream().noneMatch(patch::has)) {
				errors.add("body", "nothing to change: give at least one of mode, target, methods, pattern, policy");
			}
			errors.throwIfAny();
			return RuleJson.toJson(store.update(id, version, (current) -> {
				// the stored rule with the given fields replaced, validated as a whole like a PUT
				ObjectNode merged = RuleJson.editableFields(current);
				for (String field : EDITABLE) {
					if (patch.has(field)) {
						merged.set(field, patch.get(field));
					}
				}
				return RuleJson.readRule(merged, targets);
			}, Attribution.by(request.actor(), reason)));
		}));
	}

	@DeleteMapping("/rules/{id}")
	Mono<ResponseEntity<Void>> delete(@PathVariable String id, @RequestParam(required = false) String version,
			@RequestParam(required = false) String reason, ServerWebExchange exchange) {
		InvalidRules errors = new InvalidRules();
		Long basedOn = errors.versionParameter(version, true, "the version the deletion is based on (?version=N)");
		String why = errors.reasonParameter(reason, "why the rule is deleted");
		if (errors.any()) {
			return Mono.error(errors.exception());
		}
		long based = basedOn;
		return actor(exchange).flatMap((actor) -> blocking(() -> {
			store.delete(id, based, Attribution.by(actor, why));
			return ResponseEntity.noContent().<Void>build();
		}));
	}

	@GetMapping("/rules/{id}/history")
	Mono<ObjectNode> history(@PathVariable String id) {
		return blocking(() -> {
			List<RuleChangeRecord> changes = store.history(id);
			if (changes.isEmpty() && store.find(id).isEmpty()) {
				throw new RuleNotFoundException(id);
			}
			return changes(changes);
		});
	}

	@GetMapping("/history")
	Mono<ObjectNode> recentChanges(@RequestParam(required = false) String limit) {
		int max = DEFAULT_HISTORY;
		if (limit != null) {
			try {
				max = Integer.parseInt(limit.strip());
			}
			catch (NumberFormatException ex) {
				max = -1;
			}
			if (max < 1 || max > MAX_HISTORY) {
				return Mono.error(new InvalidRuleException("limit",
						"must be an integer from 1 to " + MAX_HISTORY + ", was '" + limit + "'"));
			}
		}
		int count = max;
		return blocking(() -> changes(store.recentChanges(count)));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidRuleException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-rule", "Invalid request", ex.getMessage());
		problem.setProperty("field", ex.errors().get(0).field());
		ArrayNode errors = JsonNodeFactory.instance.arrayNode();
		ex.errors().forEach((error) -> errors.addObject().put("field", error.field()).put("message", error.message()));
		problem.setProperty("errors", errors);
		return respond(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(RuleNotFoundException ex) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "rule-not-found", "No such rule", ex.getMessage());
		problem.setProperty("ruleId", ex.ruleId());
		return respond(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> conflict(RuleVersionConflictException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "version-conflict", "Version conflict",
				ex.getMessage() + "; nothing was changed: read the rule again and base the change on its version");
		problem.setProperty("ruleId", ex.current().id());
		problem.setProperty("version", ex.basedOnVersion());
		problem.setProperty("currentVersion", ex.current().version());
		problem.setProperty("rule", RuleJson.toJson(ex.current()));
		return respond(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notHeld(WriteHoldNotActiveException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "write-hold-not-active", "Write hold not active",
				ex.getMessage() + "; nothing was changed");
		problem.setProperty("ruleId", ex.current().id());
		problem.setProperty("heldUntil", (ex.lastHold() != null) ? ex.lastHold().heldUntil().toString() : null);
		problem.setProperty("currentVersion", ex.current().version());
		problem.setProperty("rule", RuleJson.toJson(ex.current()));
		return respond(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> exists(RuleAlreadyExistsException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "rule-exists", "Rule exists", ex.getMessage());
		problem.setProperty("ruleId", ex.existing().id());
		problem.setProperty("field", "id");
		problem.setProperty("currentVersion", ex.existing().version());
		problem.setProperty("rule", RuleJson.toJson(ex.existing()));
		return respond(problem);
	}

	/** The database is down or unreachable: the rules in effect stay as they are, the change is not made. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> storeUnavailable(DataAccessException ex) {
		logger.warn("Rule store unavailable: " + ex.getMessage());
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "rule-store-unavailable",
				"Rule store unavailable",
				"the rule store cannot be reached; rules in effect are unchanged, retry later");
		problem.setProperty("field", "store");
		return respond(problem);
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(PROBLEMS + slug));
		problem.setTitle(title);
		return problem;
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static ObjectNode changes(List<RuleChangeRecord> changes) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		ArrayNode array = body.putArray("changes");
		changes.forEach((change) -> array.add(RuleJson.toJson(change)));
		return body;
	}

	private static <T> Mono<T> blocking(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

	/** The authenticated principal's name, or {@value Attribution#ANONYMOUS} when security is off. */
	private static Mono<String> actor(ServerWebExchange exchange) {
		return exchange.getPrincipal().map(Principal::getName).defaultIfEmpty(Attribution.ANONYMOUS);
	}

	private static Mono<Request> request(Mono<String> body, ServerWebExchange exchange) {
		return actor(exchange).zipWith(body.defaultIfEmpty(""))
			.map((both) -> {
				JsonNode document = RuleJson.parse(both.getT2());
				if (!document.isObject()) {
					throw new InvalidRuleException("body", "must be a JSON object");
				}
				return new Request(both.getT1(), document);
			});
	}

	private record Request(String actor, JsonNode document) {
	}

}
