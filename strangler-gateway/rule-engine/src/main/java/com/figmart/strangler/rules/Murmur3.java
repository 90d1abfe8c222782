package com.figmart.strangler.rules;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain algorithm), written from its specification.
 * Unlike {@link String#hashCode()} it mixes every input bit into every output bit (avalanche), so consecutive
 * keys such as {@code user-1}, {@code user-2} land in unrelated buckets, and its result is fixed by
 * the algorithm, not by a JDK implementation.
 */
public final class Murmur3 {

	private static final int C1 = 0xcc9e2d51;
	private static final int C2 = 0x1b873593;

	private Murmur3() {
	}

	/** Hash of the UTF-8 bytes of {@code text}. */
	public static int hash32(String text, int seed) {
		return hash32(text.getBytes(StandardCharsets.UTF_8), seed);
	}

	/** Hash of {@code data}; the bytes are read as little-endian 32-bit blocks, as in the reference code. */
	public static int hash32(byte[] data, int seed) {
		int h = seed;
		int length = data.length;
		int blocks = length >>> 2;
		for (int b = 0; b < blocks; b++) {
			int i = b << 2;
			int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
			k *= C1;
			k = Integer.rotateLeft(k, 15);
			k *= C2;
			h ^= k;
			h = Integer.rotateLeft(h, 13);
			h = h * 5 + 0xe6546b64;
		}
		int tail = blocks << 2;
		int k = 0;
		switch (length & 3) {
			case 3:
				k ^= (data[tail + 2] & 0xff) << 16;
				// fall through
			case 2:
				k ^= (data[tail + 1] & 0xff) << 8;
				// fall through
			case 1:
				k ^= data[tail] & 0xff;
				k *= C1;
				k = Integer.rotateLeft(k, 15);
				k *= C2;
				h ^= k;
				break;
			default:
				break;
		}
		h ^= length;
		return fmix32(h);
	}

	/** The finalisation mix: forces all bits of a hash block to avalanche. */
	static int fmix32(int h) {
		h ^= h >>> 16;
		h *= 0x85ebca6b;
		h ^= h >>> 13;
		h *= 0xc2b2ae35;
		h ^= h >>> 16;
		return h;
	}
}
