package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.sdk.QrPushException.Kind;
import org.junit.jupiter.api.Test;

class QrPushExceptionTest {

    @Test
    void statusesAndWordsMapToKinds() {
        assertThat(new QrPushException(400, "bad_channel", "m").kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(new QrPushException(401, "unauthorized", "m").kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(new QrPushException(409, "locked", "m").kind()).isEqualTo(Kind.CONFLICT);
        assertThat(new QrPushException(410, "gone", "m").kind()).isEqualTo(Kind.GONE);
        assertThat(new QrPushException(429, "rate_limited", "m").kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(new QrPushException(503, "unavailable", "m").kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(new QrPushException(0, QrPushException.CONNECTION_FAILED, "m").kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(new QrPushException(0, QrPushException.TIMEOUT, "m").kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(new QrPushException(0, QrPushException.DISCONNECTED, "m").kind()).isEqualTo(Kind.DISCONNECTED);
        assertThat(new QrPushException(418, "teapot", "m").kind()).isEqualTo(Kind.OTHER);
    }

    @Test
    void theMessageSaysStatusWordAndReason() {
        QrPushException e = new QrPushException(400, "bad_channel", "channel must match");
        assertThat(e.getMessage()).isEqualTo("400 bad_channel: channel must match");
        assertThat(e.errorWord()).isEqualTo(ErrorWord.BAD_CHANNEL);
        assertThat(new QrPushException(401, "unauthorized", "unauthorized").getMessage()).isEqualTo("401 unauthorized");
        assertThat(new QrPushException(0, "timeout", null).errorWord()).isNull();
    }

    @Test
    void onlyTransientFailuresAreRetryable() {
        assertThat(new QrPushException(503, "unavailable", "").isRetryable()).isTrue();
        assertThat(new QrPushException(429, "rate_limited", "").isRetryable()).isTrue();
        assertThat(new QrPushException(410, "gone", "").isRetryable()).isFalse();
    }

    @Test
    void theApiClientNeverShowsItsKey() {
        QrPushApi api = QrPushApi.builder("http://127.0.0.1:1/", "k3y-s3cr3t").build();
        assertThat(api.toString()).isEqualTo("QrPushApi[http://127.0.0.1:1]");
        assertThat(QrPushApi.builder("http://x", "k3y-s3cr3t").toString()).doesNotContain("s3cr3t");
        assertThatThrownBy(() -> QrPushApi.builder("ftp://x", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrPushApi.builder("http://x", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
