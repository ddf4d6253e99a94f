package io.qrpush.protocol.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.protocol.FrameCodec;
import io.qrpush.protocol.ServerFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared client-policy test vectors, {@code protocol/vectors/client-policy.json}: the protocol's
 * tests, the Java SDK's (through this module's test jar) and client-js's all read that one file.
 */
public final class PolicyVectors {
    private static final JsonNode ROOT = load();

    /** A close: the socket's code, the server's frame before it (raw JSON, or null), what a client does. */
    public record Close(String why, int socket, String frameJson, boolean reconnect, String backoff,
                        long firstDelayMin, long firstDelayMax) {
        /** The frame as a client decodes it: null when absent or when the codec refuses it. */
        public ServerFrame.Disconnect farewell() {
            if (frameJson == null) {
                return null;
            }
            try {
                return (ServerFrame.Disconnect) new FrameCodec().decodeServer(frameJson.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException refused) {
                return null; // what both clients do with a frame they cannot read
            }
        }

        @Override
        public String toString() {
            return why;
        }
    }

    /** A failed reply's word and code, and what a client does with it after authorize and after subscribe. */
    public record Error(String word, int code, String action, String backoff, boolean reconnectsAfterAuthorize,
                        boolean retriesSubscribe) {
        @Override
        public String toString() {
            return word + " " + code;
        }
    }

    /** One backoff computation: class, attempt, the random draw, the wait. */
    public record BackoffCase(String backoff, int attempt, double random, long millis) {
    }

    private PolicyVectors() {
    }

    public static Duration min() {
        return Duration.ofMillis(ROOT.path("settings").path("minMs").asLong());
    }

    public static Duration max() {
        return Duration.ofMillis(ROOT.path("settings").path("maxMs").asLong());
    }

    /** A setting by its name in the file ({@code rateLimitedFloorFactor}, {@code maxDelayMs}). */
    public static long setting(String name) {
        return ROOT.path("settings").path(name).asLong();
    }

    public static List<Close> closes() {
        List<Close> out = new ArrayList<>();
        for (JsonNode c : ROOT.path("closes")) {
            JsonNode e = c.path("expect");
            JsonNode frame = c.get("frame");
            JsonNode window = e.path("firstDelayMs");
            out.add(new Close(c.path("why").asText(), c.path("socket").asInt(),
                    frame == null || frame.isNull() ? null : frame.toString(),
                    "reconnect".equals(e.path("action").asText()), e.path("backoff").asText(null),
                    window.path(0).asLong(-1), window.path(1).asLong(-1)));
        }
        return out;
    }

    public static List<Error> errors() {
        List<Error> out = new ArrayList<>();
        for (JsonNode e : ROOT.path("errors")) {
            out.add(new Error(e.path("error").asText(), e.path("code").asInt(), e.path("action").asText(),
                    e.path("backoff").asText(), "reconnect".equals(e.path("onAuthorize").asText()),
                    "retry".equals(e.path("onSubscribe").asText())));
        }
        return out;
    }

    public static List<BackoffCase> backoffs() {
        List<BackoffCase> out = new ArrayList<>();
        for (JsonNode b : ROOT.path("backoff")) {
            out.add(new BackoffCase(b.path("class").asText(), b.path("attempt").asInt(), b.path("random").asDouble(),
                    b.path("ms").asLong()));
        }
        return out;
    }

    /** The login words: {@code actions}, {@code statuses}, {@code liveStatuses}, {@code events}, and their fields. */
    public static JsonNode login() {
        return ROOT.path("login");
    }

    /** The strings of an array in {@link #login()}. */
    public static List<String> loginWords(String name) {
        List<String> out = new ArrayList<>();
        login().path(name).forEach(w -> out.add(w.asText()));
        return out;
    }

    private static JsonNode load() {
        try (InputStream in = PolicyVectors.class.getResourceAsStream("/client-policy.json")) {
            if (in == null) {
                throw new IllegalStateException("client-policy.json is not on the test classpath (protocol/vectors)");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
