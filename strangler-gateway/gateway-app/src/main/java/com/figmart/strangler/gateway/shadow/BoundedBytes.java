package com.figmart.strangler.gateway.shadow;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Copies the bytes that flow through a stream, up to a limit; past it, only remembers that there were more.
 * Not thread-safe: one stream appends (reactive streams signal serially), the reader takes the bytes after the
 * stream has completed.
 */
final class BoundedBytes {

	private final int limit;

	private byte[] data = new byte[0];

	private int size;

	private boolean overflowed;

	BoundedBytes(int limit) {
		this.limit = limit;
	}

	void append(DataBuffer buffer) {
		int n = room(buffer.readableByteCount());
		if (n > 0) {
			buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(this.data), this.size, n);
			this.size += n;
		}
	}

	void append(ByteBuf buffer) {
		int n = room(buffer.readableBytes());
		if (n > 0) {
			buffer.getBytes(buffer.readerIndex(), this.data, this.size, n);
			this.size += n;
		}
	}

	/** Makes room for up to {@code wanted} bytes and returns how many fit. */
	private int room(int wanted) {
		if (this.overflowed || wanted <= 0) {
			return 0;
		}
		int n = Math.min(wanted, this.limit - this.size);
		if (n < wanted) {
			this.overflowed = true;
		}
		if (this.size + n > this.data.length) {
			int capacity = Math.min(this.limit, Math.max(this.size + n, Math.max(256, this.data.length * 2)));
			this.data = Arrays.copyOf(this.data, capacity);
		}
		return n;
	}

	/** Gives up copying: what was captured is not to be compared. */
	void abandon() {
		this.overflowed = true;
	}

	boolean overflowed() {
		return this.overflowed;
	}

	byte[] toByteArray() {
		return (this.size == this.data.length) ? this.data : Arrays.copyOf(this.data, this.size);
	}

}
