package com.figmart.strangler.gateway.shadow;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.figmart.strangler.gateway.RulePolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;

/**
 * The shadow side of one request: what was captured of the request and of the monolith's answer, and the
 * answers of the copies, until all are in and can be compared.
 *
 * <p>Three (or, with A/A calibration, four) events meet here in any order: the request body is complete (the
 * copies are sent), the monolith's answer is complete, the new target answered, the monolith answered a second
 * time. {@link #pending} counts the answers still awaited; whoever brings the last one hands the exchange over
 * for comparison. The fields written before that countdown are read after it, which orders them.
 */
final class ShadowExchange {

	/** The exchange attribute holding this object while the monolith answers. */
	static final String ATTRIBUTE = ShadowExchange.class.getName();

	final String ruleId;

	final RulePolicy.Shadow policy;

	final RuleShadowStats stats;

	final String method;

	final String pathAndQuery;

	final URI legacyUri;

	final URI newUri;

	final HttpHeaders requestHeaders;

	final boolean calibrate;

	final long startNanos = System.nanoTime();

	/** The request body as the monolith receives it, or {@code null} when the request has none. */
	final @Nullable BoundedBytes requestBody;

	final BoundedBytes legacyBody;

	/** Set once: by sending the copies, or by the monolith's answer finishing before they could be sent. */
	final AtomicBoolean fired = new AtomicBoolean();

	/** The monolith's answer, the new target's, and the A/A one if any. */
	final AtomicInteger pending;

	volatile @Nullable CapturedResponse legacy;

	volatile @Nullable CapturedResponse mirror;

	volatile @Nullable Throwable mirrorError;

	volatile @Nullable CapturedResponse calibration;

	volatile boolean requestTooLarge;

	ShadowExchange(String ruleId, RulePolicy.Shadow policy, RuleShadowStats stats, String method, String pathAndQuery,
			URI legacyUri, URI newUri, HttpHeaders requestHeaders, boolean calibrate, boolean hasBody,
			int maxBodyBytes) {
		this.ruleId = ruleId;
		this.policy = policy;
		this.stats = stats;
		this.method = method;
		this.pathAndQuery = pathAndQuery;
		this.legacyUri = legacyUri;
		this.newUri = newUri;
		this.requestHeaders = requestHeaders;
		this.calibrate = calibrate;
		this.requestBody = hasBody ? new BoundedBytes(maxBodyBytes) : null;
		this.legacyBody = new BoundedBytes(maxBodyBytes);
		this.pending = new AtomicInteger(calibrate ? 3 : 2);
	}

	/** Never throws: a failing copy must not fail the client's request, it only spoils the comparison. */
	void captureRequest(DataBuffer buffer) {
		if (this.requestBody != null && !this.fired.get()) {
			try {
				this.requestBody.append(buffer);
			}
			catch (RuntimeException ex) {
				this.requestBody.abandon();
			}
		}
	}

	/** Never throws, like {@link #captureRequest}. */
	void captureLegacy(DataBuffer buffer) {
		try {
			this.legacyBody.append(buffer);
		}
		catch (RuntimeException ex) {
			this.legacyBody.abandon();
		}
	}

	byte[] requestBytes() {
		return (this.requestBody != null) ? this.requestBody.toByteArray() : new byte[0];
	}

	boolean requestOverflowed() {
		return this.requestBody != null && this.requestBody.overflowed();
	}

	int permits() {
		return this.calibrate ? 2 : 1;
	}

}
