package io.qrpush.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretDigestTest {
    @Test
    void theDigestIsTheSha256OfTheUtf8Bytes() {
        assertThat(HexFormat.of().formatHex(SecretDigest.of("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(SecretDigest.of("é")).isEqualTo(SecretDigest.of("\u00e9")).hasSize(32);
        assertThat(SecretDigest.of(null)).isNull();
    }

    @Test
    void onlyTheSecretItselfMatches() {
        byte[] digest = SecretDigest.of("s3cret-token");
        assertThat(SecretDigest.matches("s3cret-token", digest)).isTrue();
        assertThat(SecretDigest.matches("s3cret-toke", digest)).isFalse();
        assertThat(SecretDigest.matches("s3cret-token ", digest)).isFalse();
        assertThat(SecretDigest.matches("", digest)).isFalse();
        assertThat(SecretDigest.matches(null, digest)).isFalse();
        assertThat(SecretDigest.matches("s3cret-token", null)).isFalse();
    }
}
