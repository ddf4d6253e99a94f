package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.qrpush.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Retry semantics of unanswered publishes across reconnects. */
class OutboxTest {
    private record Sent(String guid, int retried, CompletableFuture<ServerFrame.Reply> reply) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Outbox outbox = new Outbox((channel, content, guid, retried, receipt) -> {
        CompletableFuture<ServerFrame.Reply> f = new CompletableFuture<>();
        sent.add(new Sent(guid, retried, f));
        return f;
    });

    private static ServerFrame.Reply ok(String guid, boolean duplicate) {
        var body = Json.MAPPER.createObjectNode().put("guid", guid).put("delivered", duplicate ? 0 : 1);
        if (duplicate) {
            body.put("duplicate", true);
        }
        return ServerFrame.Reply.ok(1, body);
    }

    private static QrPushException disconnected() {
        return new QrPushException(0, QrPushException.DISCONNECTED, "connection lost");
    }

    @Test
    void anUnansweredPublishIsResentWithTheSameGuidAndRetriedCounted() {
        CompletableFuture<PublishResult> result = outbox.add("news", TextNode.valueOf("x"), "g1", false, true);
        sent.get(0).reply().completeExceptionally(disconnected());
        assertThat(result).isNotDone();
        outbox.flush();
        sent.get(1).reply().completeExceptionally(disconnected());
        outbox.flush();
        assertThat(sent).extracting(Sent::guid).containsExactly("g1", "g1", "g1");
        assertThat(sent).extracting(Sent::retried).containsExactly(0, 1, 2);
        sent.get(2).reply().complete(ok("g1", true));
        assertThat(result.join()).isEqualTo(new PublishResult("news", "g1", 0, true, null));
        assertThat(outbox.size()).isZero();
    }

    @Test
    void aPublishQueuedWhileOfflineGoesOutFirstTimeWithRetriedZero() {
        outbox.add("news", TextNode.valueOf("a"), "ga", false, false);
        outbox.add("news", TextNode.valueOf("b"), "gb", false, false);
        assertThat(sent).isEmpty();
        outbox.flush();
        assertThat(sent).extracting(Sent::guid).containsExactly("ga", "gb");
        assertThat(sent).extracting(Sent::retried).containsExactly(0, 0);
    }

    @Test
    void aRefusalFailsThePublishAndIsNotResent() {
        CompletableFuture<PublishResult> result = outbox.add("news", TextNode.valueOf("x"), "g1", false, true);
        sent.get(0).reply().completeExceptionally(new QrPushException(403, "forbidden", "no"));
        assertThat(result).isCompletedExceptionally();
        outbox.flush();
        assertThat(sent).hasSize(1);
    }

    @Test
    void failAllRejectsEverythingStillWaiting() {
        CompletableFuture<PublishResult> a = outbox.add("news", TextNode.valueOf("x"), "g1", false, false);
        outbox.failAll(new QrPushException(0, QrPushException.CLOSED, "closed"));
        assertThat(a).isCompletedExceptionally();
        assertThat(outbox.size()).isZero();
    }
}
