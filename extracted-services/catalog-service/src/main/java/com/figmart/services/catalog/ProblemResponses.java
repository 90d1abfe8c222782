package com.figmart.services.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.figmart.services.catalog.CatalogFailures.CatalogFailure;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every 4xx as an RFC 9457 problem body with the monolith's problem types and extra members
 * ({@code sku}, {@code parameter}, {@code errors}), so that the gateway can send a client to either
 * side. Spring MVC's own failures (unknown route, wrong method or content type) come from the base
 * class.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

	static final String PROBLEM_BASE = "https://figmart.dev/problems/";
	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	@ExceptionHandler(CatalogFailure.class)
	ResponseEntity<ProblemDetail> catalogFailure(CatalogFailure failure) {
		var problem = problem(failure.status(), failure.problemType(), failure.getMessage());
		failure.properties().forEach(problem::setProperty);
		return ResponseEntity.status(failure.status()).body(problem);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> parameterOfWrongType(MethodArgumentTypeMismatchException failure) {
		var expected = failure.getRequiredType() == null ? "value" : failure.getRequiredType().getSimpleName();
		var problem = problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
				"Parameter '" + failure.getName() + "' must be " + article(expected) + ", not '" + failure.getValue() + "'");
		problem.setProperty("parameter", failure.getName());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> concurrentModification(OptimisticLockingFailureException failure) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "concurrent-modification",
				"The resource was changed by another request at the same time; read it again and retry"));
	}

	/** A constraint of the database caught what the code did not check first: still the client's conflict. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolated(DataIntegrityViolationException failure) {
		log.warn("Request rejected by a database constraint", failure);
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "constraint-violated",
				"The request conflicts with existing data: " + failure.getMostSpecificCause().getMessage()));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = new ArrayList<Map<String, String>>();
		failure.getBindingResult().getFieldErrors().stream()
				.sorted(Comparator.comparing(FieldError::getField))
				.forEach(error -> errors.add(error(error.getField(), error.getDefaultMessage())));
		failure.getBindingResult().getGlobalErrors()
				.forEach(error -> errors.add(error(error.getObjectName(), error.getDefaultMessage())));
		return invalidFields(errors);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = failure.getParameterValidationResults().stream()
				.flatMap(result -> result instanceof ParameterErrors body
						? body.getFieldErrors().stream().map(error -> error(error.getField(), error.getDefaultMessage()))
						: result.getResolvableErrors().stream().map(error -> error(
								String.valueOf(result.getMethodParameter().getParameterName()), error.getDefaultMessage())))
				.sorted(Comparator.comparing(error -> error.get("field")))
				.toList();
		return invalidFields(errors);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (failure.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			var field = databind.getPath().stream()
					.map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
							: "[" + reference.getIndex() + "]")
					.collect(Collectors.joining(".")).replace(".[", "[");
			var problem = problem(HttpStatus.BAD_REQUEST, "invalid-field",
					"Field '" + field + "' is invalid: " + reason(databind));
			problem.setProperty("errors", List.of(error(field, reason(databind))));
			return ResponseEntity.badRequest().body(problem);
		}
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed-request",
				"The request body is missing or is not valid JSON"));
	}

	private static ResponseEntity<Object> invalidFields(List<Map<String, String>> errors) {
		var fields = errors.stream().map(error -> error.get("field")).distinct().collect(Collectors.joining(", "));
		var problem = problem(HttpStatus.BAD_REQUEST, "invalid-fields", "Invalid field(s): " + fields);
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	private static Map<String, String> error(String field, @Nullable String message) {
		return Map.of("field", field, "message", String.valueOf(message));
	}

	private static ProblemDetail problem(HttpStatusCode status, String type, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(PROBLEM_BASE + type));
		return problem;
	}

	/** What was wrong with a value, in the client's terms rather than Java's where we can tell. */
	private static String reason(DatabindException failure) {
		if (failure instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
			return "'" + invalid.getValue() + "' is not a valid " + invalid.getTargetType().getSimpleName();
		}
		if (failure instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
			return "expected " + article(mismatched.getTargetType().getSimpleName());
		}
		var message = failure.getOriginalMessage();
		return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
	}

	private static String article(String noun) {
		return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
	}
}
