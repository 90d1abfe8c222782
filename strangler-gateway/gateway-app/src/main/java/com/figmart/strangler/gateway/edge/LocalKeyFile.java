package com.figmart.strangler.gateway.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The HS256 key of locally minted tokens: a file of one line, the base64 of 32 random bytes, readable by its
 * owner only.
 */
final class LocalKeyFile {

	static final int KEY_BYTES = 32;

	private LocalKeyFile() {
	}

	/**
	 * Reads the key, first creating the file with a fresh random key if there is none. Two gateways starting
	 * at once on one machine end up with the same key: the file is written under a temporary name and moved
	 * into place only if no key appeared meanwhile.
	 */
	static byte[] readOrCreate(Path file) {
		if (Files.notExists(file)) {
			create(file);
		}
		return read(file);
	}

	static byte[] read(Path file) {
		String line;
		try {
			line = Files.readString(file, StandardCharsets.US_ASCII).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the local JWT key " + file.toAbsolutePath(), ex);
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(line);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("the local JWT key " + file.toAbsolutePath() + " is not base64", ex);
		}
		if (key.length < KEY_BYTES) {
			throw new IllegalStateException("the local JWT key " + file.toAbsolutePath() + " has " + key.length
					+ " bytes; HS256 needs at least " + KEY_BYTES);
		}
		return key;
	}

	private static void create(Path file) {
		byte[] key = new byte[KEY_BYTES];
		new SecureRandom().nextBytes(key);
		byte[] line = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
		Path absolute = file.toAbsolutePath();
		Path temporary = absolute.resolveSibling(absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			Files.createDirectories(absolute.getParent());
			try {
				Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(temporary);
			}
			Files.write(temporary, line);
			try {
				Files.move(temporary, absolute);
			}
			catch (FileAlreadyExistsException ex) {
				// another process won the race: its key is the key
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the local JWT key " + absolute, ex);
		}
		finally {
			try {
				Files.deleteIfExists(temporary);
			}
			catch (IOException ex) {
				// only a leftover temporary file
			}
		}
	}

}
