package io.qrpush.loadtest.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.qrpush.loadtest.metrics.MicroClock;
import io.qrpush.loadtest.net.ServerApi;
import io.qrpush.loadtest.net.WsConnection;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.RawJson;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.protocol.login.LoginActions;
import io.qrpush.protocol.login.LoginEvents;
import io.qrpush.protocol.token.Otps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One scan-to-login, as a PC page, a phone and the app's backend do it (docs/protocol.md section 4): create
 * the session over HTTP, PC subscribes with the token, phone authorizes with a fresh otp and
 * publishes scan then confirm, PC gets {@code confirmed} with a ticket, the backend redeems it.
 * Each step's latency is recorded; a failed step fails the flow with {@link StepFailed}.
 */
final class LoginFlow {
    private final Run run;
    private final int n;
    private final long intendedMicros;
    private final String origin;
    private final int warm;
    private final CompletableFuture<JsonNode> scanned = new CompletableFuture<>();
    private final CompletableFuture<JsonNode> confirmed = new CompletableFuture<>();
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private volatile String step = "create";
    private volatile WsConnection pc;
    private volatile WsConnection phone;

    /** {@code warm}: 1 when the flow was due in the warm-up, so its latencies are left out of the figures. */
    LoginFlow(Run run, int n, long intendedMicros, String origin, int warm) {
        this.run = run;
        this.warm = warm;
        this.n = n;
        this.intendedMicros = intendedMicros;
        this.origin = origin;
    }

    /** Runs the flow; completes when the ticket is redeemed, fails with the step that failed. */
    CompletableFuture<Void> start() {
        run().whenComplete((x, e) -> {
            if (e == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(e);
            }
        });
        result.whenComplete((x, e) -> close());
        return result;
    }

    /** Ends a flow that has not finished by the end of the grace period: it failed at its current step. */
    void abort() {
        result.completeExceptionally(new StepFailed(step, "unfinished"));
    }

    private CompletableFuture<Void> run() {
        RunSettings s = run.settings();
        String user = "lt-" + s.runId() + "-u" + n;
        long[] t = {intendedMicros};
        return step("create", t, run.api().post("/api/login/sessions", null,
                JsonNodeFactory.instance.objectNode().put("appkey", s.appkey()), origin)
                .thenApply(a -> expect(a, 201)))
                .thenCompose(created -> step("pc_subscribe", t, Opener.open(run, false, c -> {
                    pc = c;
                    c.listener(this::onPcMessage);
                    return Requests.authorize(c, s.appkey(), null).thenCompose(r -> Requests.subscribe(c,
                            created.path("channel").asText(), created.path("token").asText()));
                })).thenApply(x -> created))
                .thenCompose(created -> step("phone_authorize", t, Opener.open(run, false, c -> {
                    phone = c;
                    String otp = Otps.mint(s.secret(), user, Duration.ofSeconds(120), "Load Test " + n, null,
                            List.of("login:*"), Instant.now());
                    return Requests.authorize(c, s.appkey(), otp);
                })).thenApply(x -> created.path("channel").asText()))
                .thenCompose(channel -> step("scan", t, action(channel, LoginActions.SCAN))
                        .thenCompose(x -> step("scanned_event", t, scanned))
                        .thenCompose(x -> step("confirm", t, action(channel, LoginActions.CONFIRM))))
                .thenCompose(x -> step("confirmed_event", t, confirmed))
                .thenCompose(event -> step("verify", t, run.api().post("/api/v1/tickets/verify", s.apiKey(),
                        JsonNodeFactory.instance.objectNode().put("ticket", event.path("ticket").asText()), null)
                        .thenApply(a -> expect(a, 200))))
                .thenAccept(verified -> {
                    if (!user.equals(verified.path("userId").asText())) {
                        throw new StepFailed("verify", "wrong_user");
                    }
                    run.metrics().latency("flow").record(MicroClock.now() - intendedMicros, warm);
                });
    }

    private CompletableFuture<ServerFrame.Reply> action(String channel, String action) {
        return Requests.ok(phone.request(id -> new ClientFrame.Publish(id, channel,
                RawJson.of(JsonNodeFactory.instance.objectNode().put(LoginActions.FIELD, action)), null, 0, false)));
    }

    private void onPcMessage(WsConnection c, ServerFrame.Message m, long at) {
        JsonNode content = m.content().tree();
        String event = content.path(LoginEvents.FIELD).asText();
        if (LoginEvents.SCANNED.equals(event)) {
            scanned.complete(content);
        } else if (LoginEvents.CONFIRMED.equals(event)) {
            confirmed.complete(content);
        } else {
            StepFailed f = new StepFailed("pc_event", "unexpected_" + event);
            scanned.completeExceptionally(f);
            confirmed.completeExceptionally(f);
        }
    }

    /** Times one step from the end of the previous one and names it in a failure. */
    private <T> CompletableFuture<T> step(String name, long[] since, CompletableFuture<T> f) {
        step = name;
        return f.handle((v, e) -> {
            if (e != null) {
                Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (c instanceof StepFailed sf) {
                    throw sf.step == null ? new StepFailed(name, sf.why) : sf;
                }
                throw new StepFailed(name, Requests.errorKey(c).replace(':', '_'));
            }
            long now = MicroClock.now();
            run.metrics().latency(name).record(now - since[0], warm);
            since[0] = now;
            return v;
        });
    }

    private static JsonNode expect(ServerApi.Answer a, int status) {
        if (a.status() != status) {
            throw new StepFailed(null, "http_" + a.status() + (a.body().has("error") ? "_" + a.body().path("error")
                    .asText() : ""));
        }
        return a.body();
    }

    private void close() {
        if (pc != null) {
            pc.close();
        }
        if (phone != null) {
            phone.close();
        }
    }

    /** A step that did not succeed; {@code why} is an error word or our own. */
    static final class StepFailed extends RuntimeException {
        private final String step;
        private final String why;

        StepFailed(String step, String why) {
            super(step + ": " + why, null, false, false);
            this.step = step;
            this.why = why;
        }

        String key(String fallbackStep) {
            return "login:" + (step == null ? fallbackStep : step) + ":" + why;
        }
    }
}
