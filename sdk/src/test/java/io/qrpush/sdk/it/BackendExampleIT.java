package io.qrpush.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.sdk.LoginPhone;
import io.qrpush.sdk.PublishResult;
import io.qrpush.sdk.QrPushClient;
import io.qrpush.sdk.examples.BackendExample;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The documented backend example works against a real server, start to finish. */
class BackendExampleIT {
    private SdkServer server;
    private BackendExample backend;

    @BeforeEach
    void start() throws Exception {
        server = SdkServer.start();
        backend = new BackendExample(server.httpUrl(), SdkServer.API_KEY, SdkServer.SECRET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theExampleBackendMintsPublishesAndFinishesALogin() throws Exception {
        Inbox orders = new Inbox();
        try (QrPushClient watcher = server.client().build();
             QrPushClient phone = server.client().otp(() -> backend.otpFor("u17", "Ann")).build();
             PcPage pc = PcPage.open(server)) {
            watcher.onMessage("orders", orders);
            watcher.connect().get(10, TimeUnit.SECONDS);
            watcher.subscribe("orders").get(10, TimeUnit.SECONDS);

            PublishResult first = backend.orderShipped("1001");
            PublishResult again = backend.orderShipped("1001");
            assertThat(again.duplicate()).isTrue();
            assertThat(orders.await(m -> m.guid().equals(first.guid())).content().path("status").asText())
                    .isEqualTo("shipped");

            assertThat(phone.connect().get(10, TimeUnit.SECONDS).userId()).isEqualTo("u17");
            LoginPhone login = LoginPhone.of(phone, pc.key());
            login.scan().get(10, TimeUnit.SECONDS);
            login.confirm().get(10, TimeUnit.SECONDS);
            String ticket = pc.awaitEvent("confirmed").path("ticket").asText();
            assertThat(backend.finishLogin(ticket)).isEqualTo("u17");
            assertThat(backend.finishLogin(ticket)).as("tickets work once").isNull();
            assertThat(orders.countGuid(first.guid())).isEqualTo(1);
        }
    }
}
