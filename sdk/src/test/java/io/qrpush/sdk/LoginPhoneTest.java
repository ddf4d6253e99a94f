package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoginPhoneTest {
    private static final String TEMPLATE = "https://a.example/qr?k={key}";

    @Test
    void theKeyIsReadOutOfTheAppsQrContent() {
        assertThat(LoginPhone.keyFromQr("https://a.example/qr?k=Vx3-_9aZ", TEMPLATE)).contains("Vx3-_9aZ");
        assertThat(LoginPhone.keyFromQr("https://example.com/login/AbC/scan", "https://example.com/login/{key}/scan"))
                .contains("AbC");
    }

    @Test
    void foreignOrMangledContentGivesNoKey() {
        assertThat(LoginPhone.keyFromQr("https://evil.example/qr?k=abc", TEMPLATE)).isEmpty();
        assertThat(LoginPhone.keyFromQr("https://a.example/qr?k=", TEMPLATE)).isEmpty();
        assertThat(LoginPhone.keyFromQr("https://a.example/qr?k=a&b=c", TEMPLATE)).isEmpty();
        assertThat(LoginPhone.keyFromQr(null, TEMPLATE)).isEmpty();
        assertThat(LoginPhone.keyFromQr("whatever", "no placeholder")).isEmpty();
    }

    @Test
    void aLoginNeedsABase64urlKey() {
        QrPushClient client = QrPushClient.builder("ws://127.0.0.1:1/ws", "app").build();
        try {
            assertThat(LoginPhone.of(client, "Vx3-_9").channel()).isEqualTo("login:Vx3-_9");
            assertThatThrownBy(() -> LoginPhone.of(client, "a:b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> LoginPhone.of(client, "")).isInstanceOf(IllegalArgumentException.class);
        } finally {
            client.close();
        }
    }
}
