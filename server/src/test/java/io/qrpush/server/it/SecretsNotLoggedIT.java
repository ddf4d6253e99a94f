package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.API_KEY_B;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.SECRET_A;
import static io.qrpush.server.it.TestServer.SECRET_B;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.token.HandMadeJwts;
import io.qrpush.protocol.token.SubscriptionTokens;
import io.qrpush.server.core.Caller;
import io.qrpush.server.core.ChannelFeature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * docs/protocol.md section 5: secrets, API keys, otps, tokens and tickets never appear in the logs, not even
 * at DEBUG and not in the flows that fail and log. Every logged message, argument and throwable
 * of the in-process server is searched for every one of them.
 */
class SecretsNotLoggedIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<String> secrets = new ArrayList<>();
    private Logger root;
    private Level rootLevel;
    private TestServer server;

    @BeforeEach
    void capture() throws Exception {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
        server = TestServer.withFeatures(new ThrowingLogin());
        List.of(SECRET_A, SECRET_B, API_KEY_A, API_KEY_B).forEach(this::secret);
    }

    @AfterEach
    void release() {
        server.close();
        root.detachAppender(appender);
        root.setLevel(rootLevel);
    }

    /** Shorter runs of a secret's characters can appear by chance; longer ones give it away. */
    private static final int WINDOW = 20;

    /**
     * A secret to look for, as every run of {@link #WINDOW} characters, so a log line holding part
     * of it (a JWT's claims or signature, a truncated key) is caught too. What comes before the
     * first dot is public: the header every JWT shares, the login key that starts a ticket.
     */
    private String secret(String s) {
        String body = s.indexOf('.') > 0 ? s.substring(s.indexOf('.') + 1) : s;
        for (int i = 0; i + WINDOW <= body.length(); i++) {
            secrets.add(body.substring(i, i + WINDOW));
        }
        return s;
    }

    private static String authorize(String appkey, String otp) {
        return "{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + appkey + "\",\"otp\":\"" + otp + "\"}";
    }

    @Test
    void noSecretReachesAnyLogLine() throws Exception {
        // otps: good, reused, badly signed, another app's, expired, alg none
        String good = secret(TestServer.otp(SECRET_A, "u1", "login:*", "news"));
        try (WsClient phone = server.connect(); WsClient again = server.connect(); WsClient bad = server.connect()) {
            phone.requestOk(authorize(APP_A, good));
            again.request(authorize(APP_A, good));
            long now = Instant.now().getEpochSecond();
            for (String otp : new String[] {
                secret(HandMadeJwts.flipSignatureChar(TestServer.otp(SECRET_A, "u2"))), secret(TestServer.otp(SECRET_B, "u2")),
                secret(HandMadeJwts.hs256("{\"sub\":\"u2\",\"iat\":" + (now - 100) + ",\"exp\":" + (now - 10)
                        + ",\"jti\":\"j1\"}", SECRET_A)),
                secret(HandMadeJwts.unsigned(HandMadeJwts.otpClaims("u2", 60)))}) {
                assertThat(bad.request(authorize(APP_A, otp)).path("code").asInt()).isEqualTo(401);
            }

            // subscription tokens: good, expired, another app's
            String token = secret(TestServer.subscriptionToken(SECRET_A, "private:room"));
            phone.subscribe("private:room", token);
            phone.subscribe("private:room", secret(SubscriptionTokens.mint(SECRET_A, "private:room",
                    Instant.now().minusSeconds(5))));
            phone.subscribe("private:room", secret(SubscriptionTokens.mint(SECRET_B, "private:room",
                    Instant.now().plusSeconds(60))));

            // a whole scan-to-login: the PC's token, the phone's otp, the ticket and its redemptions
            JsonNode session = JSON.readTree(server.api("POST", "/api/login/sessions", null,
                    "{\"appkey\":\"" + APP_A + "\"}").body());
            String channel = session.path("channel").asText();
            try (WsClient pc = server.anonymous(APP_A)) {
                pc.subscribe(channel, secret(session.path("token").asText()));
                phone.publish(channel, "{\"action\":\"scan\"}");
                phone.publish(channel, "{\"action\":\"confirm\"}");
                JsonNode confirmed = pc.next(f -> f.path("content").path("event").asText().equals("confirmed"));
                String ticket = secret(confirmed.path("content").path("ticket").asText());
                assertThat(ticket).isNotBlank();
                String body = "{\"ticket\":\"" + ticket + "\"}";
                assertThat(server.api("POST", "/api/v1/tickets/verify", API_KEY_A, body).statusCode()).isEqualTo(200);
                assertThat(server.api("POST", "/api/v1/tickets/verify", API_KEY_A, body).statusCode()).isEqualTo(410);
                assertThat(server.api("POST", "/api/v1/tickets/verify", secret(API_KEY_A + "-wrong"), body)
                        .statusCode()).isEqualTo(401);
            }

            // the HTTPS doors: a phone's otp and phone token, a long-poll's token, a backend's action
            JsonNode door = JSON.readTree(server.api("POST", "/api/login/sessions", null,
                    "{\"appkey\":\"" + APP_A + "\"}").body());
            String doorKey = door.path("key").asText();
            String actions = "/api/login/sessions/" + doorKey + "/actions";
            server.api("POST", actions, secret(HandMadeJwts.flipSignatureChar(TestServer.otp(SECRET_A, "u3", "login:*"))),
                    "{\"action\":\"scan\"}");
            JsonNode doorScan = JSON.readTree(server.api("POST", actions,
                    secret(TestServer.otp(SECRET_A, "u3", "login:*")), "{\"action\":\"scan\"}").body());
            String phoneToken = secret(doorScan.path("phoneToken").asText());
            assertThat(phoneToken).isNotBlank();
            server.api("GET", "/api/login/sessions/" + doorKey + "/status?since=waiting&wait=1s",
                    secret(door.path("token").asText()), null);
            server.api("POST", actions, phoneToken, "{\"action\":\"confirm\"}");
            server.api("POST", "/api/v1/logins/" + doorKey + "/cancel", API_KEY_A, "{\"userId\":\"u3\"}");

            // API keys: right, wrong, and a secret sent where the API key goes
            server.api("POST", "/api/v1/publish", API_KEY_A, "{\"channel\":\"news\",\"content\":\"" + good + "\"}");
            server.api("GET", "/api/v1/channels/news", SECRET_A, null);
            server.api("POST", "/api/v1/publish", API_KEY_B, "{not json " + good);

            // failures that log: a request the server cannot answer, frames it cannot read
            phone.request("{\"op\":\"publish\",\"id\":7,\"channel\":\"login:k\",\"content\":{\"otp\":\"" + good + "\"}}");
            bad.send("{\"op\":\"authorize\",\"otp\":\"" + good + "\"");
            bad.sendBinary(good.getBytes(StandardCharsets.UTF_8));
            bad.send("{\"op\":\"ping\",\"pad\":\"" + good + "x".repeat(70_000) + "\"}");
            bad.awaitClose();
        }

        assertNoSecretLogged();
    }

    /** docs/protocol.md section 8: a stream's secret stays out of the logs, through its refusals and its end too. */
    @Test
    void noStreamSecretReachesAnyLogLine() throws Exception {
        try (StreamClient stream = StreamClient.to(server.port(), server.port(), null)) {
            stream.requestOk(authorize(APP_A, secret(TestServer.otp(SECRET_A, "u1", "login:*"))));
            String session = secret(stream.session());
            stream.request("{\"op\":\"publish\",\"id\":7,\"channel\":\"login:k\",\"content\":1}");
            stream.send("{\"op\":\"authorize\"");
            String forged = secret(session.substring(0, session.length() - 4) + "abcd");
            stream.uplink("{\"session\":\"" + forged + "\",\"frames\":[]}");
            stream.uplink("{\"session\":\"" + session + "\",\"frames\":[\"" + "x".repeat(70_000) + "\"]}");
            stream.uplink("{\"session\":\"" + session + "\",\"frames\":");
            server.server().close();
            stream.awaitClose();
        }
        assertNoSecretLogged();
    }

    private void assertNoSecretLogged() {
        List<ILoggingEvent> events = new ArrayList<>(appender.list);
        assertThat(events).as("the capture works and a failure was logged")
                .anyMatch(e -> e.getLevel() == Level.ERROR && e.getThrowableProxy() != null);
        for (ILoggingEvent e : events) {
            String text = everything(e);
            for (String s : secrets) {
                assertThat(text).as("%s logged by %s", e.getLevel(), e.getLoggerName()).doesNotContain(s);
            }
        }
    }

    /** Message, arguments, MDC and the whole throwable chain of one event. */
    private static String everything(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(e.getFormattedMessage()).append('\n').append(e.getMessage());
        if (e.getArgumentArray() != null) {
            b.append(Arrays.deepToString(e.getArgumentArray()));
        }
        b.append(e.getMDCPropertyMap());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) {
                b.append('\n').append(s.getSTEAsString());
            }
        }
        return b.toString();
    }

    /** A login service with a bug on one channel, so that the server logs a failure with its stack trace. */
    private static final class ThrowingLogin implements ChannelFeature {
        static final String CHANNEL = "login:k";

        @Override
        public boolean claims(String channel) {
            return CHANNEL.equals(channel);
        }

        @Override
        public CompletableFuture<ObjectNode> publishing(Caller phone, ClientFrame.Publish request) {
            throw new IllegalStateException("login service bug on " + request.channel());
        }
    }
}
