package com.figmart.strangler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.figmart.strangler.cli.CliRunner.Result;
import com.figmart.strangler.cli.LocalToken.UnusableKeyFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Tokens minted from the gateway's local key, checked by {@link TestTokens}, which does not share their code. */
class CliTokenTests {

	@TempDir
	Path directory;

	byte[] key = new byte[32];

	Path keyFile;

	@BeforeEach
	void writeKeyFile() throws IOException {
		for (int i = 0; i < this.key.length; i++) {
			this.key[i] = (byte) (i * 7 + 3);
		}
		this.keyFile = Files.writeString(this.directory.resolve("jwt-hs256.key"),
				Base64.getEncoder().encodeToString(this.key) + "\n");
	}

	@Test
	void mintsAnHs256TokenWithTheClaimsOfTheContract() {
		Instant now = Instant.now();

		String token = LocalToken.mint(this.key, "alice", List.of("admin", "customer"), Duration.ofHours(1), now);

		assertThat(token.split("\\.")).hasSize(3).allSatisfy((part) -> assertThat(part).matches("[A-Za-z0-9_-]+"));
		JsonNode header = TestTokens.header(token);
		assertThat(header.path("alg").asString()).isEqualTo("HS256");
		assertThat(header.path("typ").asString()).isEqualTo("JWT");
		JsonNode claims = TestTokens.claimsIfValid(this.key, "Bearer " + token);
		assertThat(claims).as("the signature verifies").isNotNull();
		assertThat(claims.path("sub").asString()).isEqualTo("alice");
		assertThat(claims.path("roles")).extracting(JsonNode::asString).containsExactly("admin", "customer");
		assertThat(claims.path("iss").asString()).isEqualTo("figmart-local");
		assertThat(claims.path("iat").asLong()).isEqualTo(now.getEpochSecond());
		assertThat(claims.path("exp").asLong()).isEqualTo(now.getEpochSecond() + 3600);
	}

	@Test
	void aTokenSignedWithAnotherKeyOrAlteredDoesNotVerify() {
		String token = LocalToken.mint(this.key, "alice", List.of("customer"), Duration.ofMinutes(5), Instant.now());
		byte[] otherKey = this.key.clone();
		otherKey[0] ^= 1;
		String[] parts = token.split("\\.");
		String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
			.encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
				.replace("customer", "admin")
				.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

		assertThat(TestTokens.claimsIfValid(otherKey, "Bearer " + token)).isNull();
		assertThat(TestTokens.claimsIfValid(this.key, "Bearer " + altered)).isNull();
		assertThat(TestTokens.claimsIfValid(this.key, "Bearer " + token)).isNotNull();
	}

	@Test
	void refusesUnknownRolesABlankSubjectAndANonPositiveTtl() {
		Instant now = Instant.now();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalToken.mint(this.key, "alice", List.of("root"), Duration.ofHours(1), now));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalToken.mint(this.key, " ", List.of("admin"), Duration.ofHours(1), now));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalToken.mint(this.key, "alice", List.of("admin"), Duration.ZERO, now));
	}

	@Test
	void readsTheKeyFileTheGatewayWrites() {
		assertThat(LocalToken.readKey(this.keyFile)).isEqualTo(this.key);
	}

	@Test
	void refusesAMissingFileAndAFileThatHoldsNoKey() throws IOException {
		assertThatThrownBy(() -> LocalToken.readKey(this.directory.resolve("missing.key"))).isInstanceOf(UnusableKeyFile.class)
			.hasMessageContaining("no such file");
		Path notBase64 = Files.writeString(this.directory.resolve("text.key"), "not a key!\n");
		assertThatThrownBy(() -> LocalToken.readKey(notBase64)).hasMessageContaining("base64");
		Path shortKey = Files.writeString(this.directory.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));
		assertThatThrownBy(() -> LocalToken.readKey(shortKey)).hasMessageContaining("16 bytes");
	}

	@Test
	void tokenMintPrintsOnlyTheToken() {
		Result result = new CliRunner().run("token", "mint", "--sub", "bob", "--roles", "admin,customer", "--ttl", "15m",
				"--key-file", this.keyFile.toString());

		assertThat(result.exitCode()).as(result.err()).isZero();
		String token = result.out().strip();
		assertThat(result.out()).isEqualTo(token + System.lineSeparator());
		JsonNode claims = TestTokens.claimsIfValid(this.key, "Bearer " + token);
		assertThat(claims.path("sub").asString()).isEqualTo("bob");
		assertThat(claims.path("roles")).extracting(JsonNode::asString).containsExactly("admin", "customer");
		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
	}

	@Test
	void theDocumentedShortFormWorksWithTheKeyFileFromTheEnvironment() {
		Result result = new CliRunner().env("FIGMART_GATEWAY_KEY_FILE", this.keyFile.toString())
			.run("token", "--role", "admin", "--subject", "alice");

		assertThat(result.exitCode()).as(result.err()).isZero();
		JsonNode claims = TestTokens.claimsIfValid(this.key, "Bearer " + result.out().strip());
		assertThat(claims.path("sub").asString()).isEqualTo("alice");
		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).as("one hour by default").isEqualTo(3600);
	}

	@Test
	void theKeyFileOptionWorksBeforeTheCommandToo() {
		Result result = new CliRunner().env("USER", "carol")
			.run("--key-file", this.keyFile.toString(), "token", "mint");

		assertThat(result.exitCode()).as(result.err()).isZero();
		JsonNode claims = TestTokens.claimsIfValid(this.key, "Bearer " + result.out().strip());
		assertThat(claims.path("sub").asString()).as("the user by default").isEqualTo("carol");
		assertThat(claims.path("roles")).extracting(JsonNode::asString).as("admin by default").containsExactly("admin");
	}

	@Test
	void anUnusableKeyFileOrRoleIsAUsageError() {
		Result missing = new CliRunner().run("token", "mint", "--sub", "bob", "--key-file",
				this.directory.resolve("missing.key").toString());
		assertThat(missing.exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(missing.err()).contains("cannot use the key file", "missing.key");

		Result role = new CliRunner().run("token", "mint", "--sub", "bob", "--roles", "root", "--key-file",
				this.keyFile.toString());
		assertThat(role.exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(role.err()).contains("'root' is not a role");

		Result ttl = new CliRunner().run("token", "mint", "--sub", "bob", "--ttl", "soon", "--key-file",
				this.keyFile.toString());
		assertThat(ttl.exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(ttl.err()).contains("--ttl", "'soon' is not a duration");
	}

}
