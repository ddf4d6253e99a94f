package io.qrpush.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unguessable ids: base64url without padding, of the asked number of bits, never repeated. */
class RandomIdsTest {

    @Test
    void random128IsSixteenBytesOfBase64url() {
        String id = RandomIds.random128();
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
    }

    @Test
    void randomBitsHasTheAskedSize() {
        assertThat(Base64.getUrlDecoder().decode(RandomIds.randomBits(256))).hasSize(32);
        assertThat(RandomIds.randomBits(256)).hasSize(43);
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(RandomIds.random128())).isTrue();
        }
    }
}
