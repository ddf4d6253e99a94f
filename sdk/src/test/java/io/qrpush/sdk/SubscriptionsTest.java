package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.protocol.policy.BackoffClass;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Which subscriptions survive a reconnect, a 5xx and a refusal. */
class SubscriptionsTest {
    private record Sent(String channel, String token, CompletableFuture<ServerFrame.Reply> reply) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<Runnable> retries = new ArrayList<>();
    private final List<QrPushException> errors = new ArrayList<>();
    private final Subscriptions subs = new Subscriptions(new Subscriptions.Hooks() {
        @Override
        public CompletableFuture<ServerFrame.Reply> send(String channel, String token, ClientFrame.Recover recover) {
            CompletableFuture<ServerFrame.Reply> f = new CompletableFuture<>();
            sent.add(new Sent(channel, token, f));
            return f;
        }

        @Override
        public void deliver(List<Message> messages) {
        }

        @Override
        public void recoveryFailed(RecoveryFailure failure) {
        }

        @Override
        public void error(QrPushException e, String channel) {
            errors.add(e);
        }

        @Override
        public Future<?> retryLater(Runnable task, BackoffClass backoff) {
            retries.add(task);
            return new CompletableFuture<Void>();
        }
    });

    private static ServerFrame.Reply ok(String channel) {
        return ServerFrame.Reply.ok(1, Json.MAPPER.createObjectNode().put("channel", channel));
    }

    @Test
    void everyWantedChannelIsSentAgainWithItsTokenAfterAReconnect() {
        CompletableFuture<SubscribeResult> a = subs.add("news", null, true);
        subs.add("private:x", "tok", false);
        sent.get(0).reply().complete(ok("news"));
        assertThat(a.join().resubscribed()).isFalse();
        subs.resubscribeAll();
        assertThat(sent).extracting(Sent::channel).containsExactly("news", "news", "private:x");
        assertThat(sent.get(2).token()).isEqualTo("tok");
        sent.get(1).reply().complete(ok("news"));
        assertThat(errors).isEmpty();
    }

    @Test
    void aRefusalFailsTheCallerAndTheChannelIsForgotten() {
        CompletableFuture<SubscribeResult> f = subs.add("private:x", "bad", true);
        sent.get(0).reply().completeExceptionally(new QrPushException(403, "bad_token", "no"));
        assertThat(f).isCompletedExceptionally();
        subs.resubscribeAll();
        assertThat(sent).hasSize(1);
    }

    @Test
    void serverTroubleIsRetriedWhileTheCallerKeepsWaiting() {
        CompletableFuture<SubscribeResult> f = subs.add("news", null, true);
        sent.get(0).reply().completeExceptionally(new QrPushException(503, "unavailable", "broker"));
        assertThat(f).isNotDone();
        assertThat(errors).extracting(QrPushException::error).containsExactly("unavailable");
        retries.get(0).run();
        sent.get(1).reply().complete(ok("news"));
        assertThat(f.join().channel()).isEqualTo("news");
    }

    @Test
    void aLostConnectionKeepsTheWishAndTheWaiter() {
        CompletableFuture<SubscribeResult> f = subs.add("news", null, true);
        sent.get(0).reply().completeExceptionally(new QrPushException(0, QrPushException.DISCONNECTED, "lost"));
        assertThat(f).isNotDone();
        subs.resubscribeAll();
        sent.get(1).reply().complete(ok("news"));
        assertThat(f).isCompleted();
        subs.remove("news", new QrPushException(0, "unsubscribed", "bye"));
        subs.resubscribeAll();
        assertThat(sent).hasSize(2);
    }
}
