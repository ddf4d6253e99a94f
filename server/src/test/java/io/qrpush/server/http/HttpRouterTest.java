package io.qrpush.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The route a method and path lead to, with its body limit; 404 and 405 otherwise. */
class HttpRouterTest {
    private final HttpRoute exact = answering(200);
    private final HttpRoute below = answering(201);
    private final HttpRoute segment = answering(202);
    private final HttpRoute wider = answering(203);
    private final HttpRouter router = new HttpRouter()
            .add("GET", "/healthz", exact)
            .add("POST", "/api/v1/channels/*/history", 65536, segment)
            .add("GET", "/client/*", below)
            .add("POST", "/api/v1/channels/*", wider);

    @Test
    void eachPatternKindFindsItsRouteAndLimit() {
        assertThat(router.target("GET", "/healthz").route()).isSameAs(exact);
        assertThat(router.target("GET", "/healthz").maxBodyBytes()).isEqualTo(HttpRouter.DEFAULT_BODY_BYTES);
        assertThat(router.target("GET", "/client/a/b.js").route()).isSameAs(below);
        assertThat(router.target("POST", "/api/v1/channels/news/history").route()).isSameAs(segment);
        assertThat(router.target("POST", "/api/v1/channels/news/history").maxBodyBytes()).isEqualTo(65536);
    }

    @Test
    void theFirstRouteAddedThatMatchesWins() {
        assertThat(router.target("POST", "/api/v1/channels/news/history").route()).isSameAs(segment);
        assertThat(router.target("POST", "/api/v1/channels/a/b/history").route()).as("one segment only").isSameAs(wider);
        assertThat(router.target("POST", "/api/v1/channels//history").route()).as("a non-empty one").isSameAs(wider);
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() {
        assertThat(status(router.target("GET", "/nothing"), "GET", "/nothing")).isEqualTo(404);
        assertThat(status(router.target("GET", "/client/"), "GET", "/client/")).as("nothing below the prefix").isEqualTo(404);
        assertThat(status(router.target("POST", "/healthz"), "POST", "/healthz")).isEqualTo(405);
        assertThat(router.target("POST", "/healthz").maxBodyBytes()).isEqualTo(HttpRouter.DEFAULT_BODY_BYTES);
    }

    private static int status(HttpRouter.Target target, String method, String path) {
        return target.route().handle(new HttpCall(method, path, Map.of(), Map.of(), new byte[0], "127.0.0.1"))
                .join().status();
    }

    private static HttpRoute answering(int status) {
        return call -> CompletableFuture.completedFuture(HttpAnswer.error(status, "x", "x"));
    }
}
