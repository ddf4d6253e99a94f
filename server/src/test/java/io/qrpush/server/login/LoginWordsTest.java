package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.protocol.login.LoginActions;
import io.qrpush.protocol.login.LoginEvents;
import io.qrpush.protocol.login.LoginStatuses;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's login enums speak the protocol module's words, the ones both clients use. */
class LoginWordsTest {

    @Test
    void actionsAndStatusesAreTheProtocolsWords() {
        assertThat(Arrays.stream(LoginAction.values()).map(LoginAction::wire).toList()).isEqualTo(LoginActions.ALL);
        assertThat(Arrays.stream(LoginStatus.values()).map(LoginStatus::wire).toList()).isEqualTo(LoginStatuses.ALL);
        assertThat(Arrays.stream(LoginStatus.values()).filter(LoginStatus::live).map(LoginStatus::wire).toList())
                .isEqualTo(LoginStatuses.LIVE);
    }

    @Test
    void everyStatusAfterWaitingIsAnEvent() {
        // LoginJson names each event after the status the session just entered.
        List<String> entered = Arrays.stream(LoginStatus.values()).filter(s -> s != LoginStatus.WAITING)
                .map(LoginStatus::wire).toList();
        assertThat(entered).isEqualTo(LoginEvents.ALL);
    }
}
