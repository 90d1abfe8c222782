package com.figmart.marketplace.kernel.web;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.core.PropertyReferenceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.figmart.marketplace.kernel.MarketplaceException;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The web edge's one mapping from failures to RFC 9457 problem details. Spring MVC's own failures
 * (malformed JSON, wrong content type, unknown route, method not allowed) come from the base class;
 * here they get the names of the fields at fault, and the marketplace's own failures get their
 * status from their category.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	static final String PROBLEM_BASE = "https://figmart.dev/problems/";
	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(MarketplaceException.class)
	ProblemDetail marketplaceFailure(MarketplaceException failure) {
		var status = failure instanceof MarketplaceException.InvalidRequest ? HttpStatus.BAD_REQUEST
				: failure instanceof MarketplaceException.NotFound ? HttpStatus.NOT_FOUND
				: failure instanceof MarketplaceException.Conflict ? HttpStatus.CONFLICT
				: HttpStatus.UNPROCESSABLE_CONTENT;
		var problem = problem(status, failure.problemType(), failure.getMessage());
		failure.properties().forEach(problem::setProperty);
		return problem;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail parameterOfWrongType(MethodArgumentTypeMismatchException failure) {
		var expected = failure.getRequiredType() == null ? "a different value" : failure.getRequiredType().getSimpleName();
		var problem = problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
				"Parameter '" + failure.getName() + "' must be " + article(expected) + ", not '" + failure.getValue() + "'");
		problem.setProperty("parameter", failure.getName());
		return problem;
	}

	@ExceptionHandler(PropertyReferenceException.class)
	ProblemDetail unknownSortProperty(PropertyReferenceException failure) {
		var problem = problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
				"Cannot sort by '" + failure.getPropertyName() + "'");
		problem.setProperty("parameter", "sort");
		return problem;
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ProblemDetail missingHeader(MissingRequestHeaderException failure) {
		var problem = problem(HttpStatus.BAD_REQUEST, "missing-header",
				"Header '" + failure.getHeaderName() + "' is required");
		problem.setProperty("header", failure.getHeaderName());
		return problem;
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ProblemDetail concurrentModification(OptimisticLockingFailureException failure) {
		return problem(HttpStatus.CONFLICT, "concurrent-modification",
				"The resource was changed by another request at the same time; read it again and retry");
	}

	/** A constraint of the database caught what the code did not check first: still the client's conflict. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail constraintViolated(DataIntegrityViolationException failure) {
		log.warn("Request rejected by a database constraint", failure);
		return problem(HttpStatus.CONFLICT, "constraint-violated",
				"The request conflicts with existing data: " + failure.getMostSpecificCause().getMessage());
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = failure.getBindingResult().getFieldErrors().stream()
				.sorted(Comparator.comparing(FieldError::getField))
				.map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
				.toList();
		var globalErrors = failure.getBindingResult().getGlobalErrors().stream()
				.map(error -> Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage())))
				.toList();
		return invalidFields(status, concat(errors, globalErrors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = failure.getParameterValidationResults().stream()
				.flatMap(result -> result instanceof ParameterErrors body
						// a @Valid request body: name its fields, not the parameter
						? body.getFieldErrors().stream().map(error -> Map.of("field", error.getField(), "message",
								String.valueOf(error.getDefaultMessage())))
						: result.getResolvableErrors().stream().map(error -> Map.of("field",
								parameterName(result), "message", String.valueOf(error.getDefaultMessage()))))
				.sorted(Comparator.comparing(error -> error.get("field")))
				.toList();
		return invalidFields(HttpStatus.BAD_REQUEST, errors);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem;
		if (failure.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			var field = databind.getPath().stream()
					.map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
							: "[" + reference.getIndex() + "]")
					.collect(Collectors.joining(".")).replace(".[", "[");
			problem = problem(HttpStatus.BAD_REQUEST, "invalid-field",
					"Field '" + field + "' is invalid: " + rootMessage(databind));
			problem.setProperty("errors", List.of(Map.of("field", field, "message", rootMessage(databind))));
		}
		else {
			problem = problem(HttpStatus.BAD_REQUEST, "malformed-request",
					"The request body is missing or is not valid JSON");
		}
		return ResponseEntity.badRequest().body(problem);
	}

	/** The name a client knows a parameter by: the header or request parameter name, else the Java name. */
	private static String parameterName(ParameterValidationResult result) {
		var header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
		if (header != null && !header.name().isEmpty()) {
			return header.name();
		}
		var param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
		if (param != null && !param.name().isEmpty()) {
			return param.name();
		}
		return String.valueOf(result.getMethodParameter().getParameterName());
	}

	private ResponseEntity<Object> invalidFields(HttpStatusCode status, List<Map<String, String>> errors) {
		var fields = errors.stream().map(error -> error.get("field")).distinct().collect(Collectors.joining(", "));
		var problem = problem(HttpStatus.valueOf(status.value()), "invalid-fields", "Invalid field(s): " + fields);
		problem.setProperty("errors", errors);
		return ResponseEntity.status(status).body(problem);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(PROBLEM_BASE + type));
		return problem;
	}

	/** What was wrong with a value, in the client's terms rather than Java's where we can tell. */
	private static String rootMessage(Throwable failure) {
		if (failure instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
			var target = invalid.getTargetType();
			if (target.isEnum()) {
				return "'" + invalid.getValue() + "' is not one of " + java.util.Arrays.toString(target.getEnumConstants());
			}
			return "'" + invalid.getValue() + "' is not a valid " + target.getSimpleName();
		}
		if (failure instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
			return "expected " + article(mismatched.getTargetType().getSimpleName());
		}
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		var message = cause instanceof DatabindException databind ? databind.getOriginalMessage() : cause.getMessage();
		return message == null ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
	}

	private static String article(String noun) {
		return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		var all = new java.util.ArrayList<T>(first);
		all.addAll(second);
		return all;
	}

}
