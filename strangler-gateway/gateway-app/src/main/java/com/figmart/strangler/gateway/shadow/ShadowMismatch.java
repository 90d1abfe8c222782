package com.figmart.strangler.gateway.shadow;

import java.time.Instant;
import java.util.List;

/**
 * One kept mismatch, for people to inspect.
 *
 * @param at when the comparison was made
 * @param method the request's method
 * @param path the request's raw path and query
 * @param calibration whether this is an A/A comparison: then {@code new*} is the monolith's second answer
 * @param legacyStatus the monolith's status
 * @param newStatus the other side's status
 * @param differences one line per difference: {@code $.price: 12.50 != 12.49} (monolith first); also
 *     {@code status: 200 != 404}, {@code header content-type: ... != ...}, {@code $.items[?]: {...} != absent}
 *     for an element of an unordered array without a counterpart
 * @param legacyBody the monolith's body, cut at {@code figmart.gateway.shadow.shown-body-size}
 * @param newBody the other side's body, cut likewise
 */
public record ShadowMismatch(Instant at, String method, String path, boolean calibration, int legacyStatus,
		int newStatus, List<String> differences, String legacyBody, String newBody) {

}
