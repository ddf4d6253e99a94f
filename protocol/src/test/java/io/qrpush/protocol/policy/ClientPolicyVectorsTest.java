package io.qrpush.protocol.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ReconnectDelay;
import io.qrpush.protocol.login.LoginActions;
import io.qrpush.protocol.login.LoginEvents;
import io.qrpush.protocol.login.LoginStatuses;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The protocol's policy classes against the shared vectors that both clients' tests read too. */
class ClientPolicyVectorsTest {

    static List<PolicyVectors.Close> closes() {
        return PolicyVectors.closes();
    }

    static List<PolicyVectors.Error> errors() {
        return PolicyVectors.errors();
    }

    static List<PolicyVectors.BackoffCase> backoffs() {
        return PolicyVectors.backoffs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closes")
    void closeDecisions(PolicyVectors.Close v) {
        CloseDecision d = ClosePolicy.decide(v.socket(), v.farewell());
        assertThat(d.reconnect()).isEqualTo(v.reconnect());
        if (v.reconnect()) {
            assertThat(d.backoff().wire()).isEqualTo(v.backoff());
            assertThat(new Backoff(PolicyVectors.min(), PolicyVectors.max(), () -> 0.0).delayMillis(d, 0))
                    .as("random 0").isEqualTo(v.firstDelayMin());
            assertThat(new Backoff(PolicyVectors.min(), PolicyVectors.max(), () -> 1.0).delayMillis(d, 0))
                    .as("random 1").isEqualTo(v.firstDelayMax());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void errorActions(PolicyVectors.Error v) {
        ErrorAction a = ErrorAction.of(v.word(), v.code());
        assertThat(a.name().toLowerCase(Locale.ROOT)).isEqualTo(v.action());
        assertThat(ErrorAction.backoffOf(v.word()).wire()).isEqualTo(v.backoff());
        assertThat(a.reconnectsAfterAuthorize()).isEqualTo(v.reconnectsAfterAuthorize());
        assertThat(a.retriesSubscribe()).isEqualTo(v.retriesSubscribe());
    }

    @ParameterizedTest(name = "{0} attempt {1} random {2}")
    @MethodSource("backoffs")
    void backoffArithmetic(PolicyVectors.BackoffCase v) {
        Backoff b = new Backoff(PolicyVectors.min(), PolicyVectors.max(), v::random);
        assertThat(b.delayMillis(BackoffClass.valueOf(v.backoff().toUpperCase(Locale.ROOT)), v.attempt()))
                .isEqualTo(v.millis());
    }

    @Test
    void everyErrorWordHasAVectorWithItsCode() {
        var inVectors = errors().stream().collect(Collectors.toMap(PolicyVectors.Error::word, PolicyVectors.Error::code));
        for (ErrorWord w : ErrorWord.values()) {
            assertThat(inVectors).as(w.word()).containsEntry(w.word(), w.code());
        }
    }

    @Test
    void everyCloseCodeHasVectorsWithoutAFrameAndWithEachFlag() throws IllegalAccessException {
        List<String> cases = closes().stream().map(PolicyVectors.Close::why).toList();
        for (int code : closeCodes()) {
            assertThat(cases).contains("close " + code + " without a disconnect frame",
                    "disconnect " + code + " reconnect:true", "disconnect " + code + " reconnect:false",
                    "disconnect " + code + " reconnect:true with delay", "disconnect " + code + " reconnect:false with delay");
        }
    }

    @Test
    void theSettingsAreThePolicysConstants() {
        assertThat(PolicyVectors.min()).isEqualTo(Backoff.DEFAULT_MIN);
        assertThat(PolicyVectors.max()).isEqualTo(Backoff.DEFAULT_MAX);
        assertThat(PolicyVectors.setting("rateLimitedFloorFactor")).isEqualTo(Backoff.RATE_LIMITED_FLOOR_FACTOR);
        assertThat(PolicyVectors.setting("maxDelayMs")).isEqualTo(ReconnectDelay.MAX_MILLIS);
    }

    @Test
    void theLoginWordsAreTheProtocolsConstants() {
        assertThat(PolicyVectors.login().path("actionField").asText()).isEqualTo(LoginActions.FIELD);
        assertThat(PolicyVectors.loginWords("actions")).isEqualTo(LoginActions.ALL);
        assertThat(PolicyVectors.login().path("statusField").asText()).isEqualTo(LoginStatuses.FIELD);
        assertThat(PolicyVectors.loginWords("statuses")).isEqualTo(LoginStatuses.ALL);
        assertThat(PolicyVectors.loginWords("liveStatuses")).isEqualTo(LoginStatuses.LIVE);
        assertThat(PolicyVectors.login().path("eventField").asText()).isEqualTo(LoginEvents.FIELD);
        assertThat(PolicyVectors.loginWords("events")).isEqualTo(LoginEvents.ALL);
    }

    private static List<Integer> closeCodes() throws IllegalAccessException {
        List<Integer> codes = new ArrayList<>();
        for (Field f : CloseCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                codes.add(f.getInt(null));
            }
        }
        return codes;
    }
}
