package io.qrpush.sdk.it;

import org.awaitility.Awaitility;

import io.qrpush.sdk.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Collects the messages a client's listener receives, with waits for the ones a test expects. */
final class Inbox implements Consumer<Message> {
    static final Duration WAIT = Duration.ofSeconds(10);
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Message m) {
        messages.add(m);
    }

    List<Message> all() {
        return List.copyOf(messages);
    }

    List<Message> matching(Predicate<Message> p) {
        return messages.stream().filter(p).collect(Collectors.toList());
    }

    /** Waits for the first message matching and returns it. */
    Message await(Predicate<Message> p) {
        Awaitility.await().atMost(WAIT).until(() -> messages.stream().anyMatch(p));
        return matching(p).get(0);
    }

    Message awaitContent(String field, String value) {
        return await(m -> value.equals(m.content().path(field).asText()));
    }

    long countGuid(String guid) {
        return messages.stream().filter(m -> m.guid().equals(guid)).count();
    }
}
