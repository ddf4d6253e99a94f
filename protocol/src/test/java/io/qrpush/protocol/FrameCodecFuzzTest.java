package io.qrpush.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A bounded, reproducible fuzz of {@link FrameCodec#decodeClient}: whatever the bytes, it returns
 * a frame or throws {@link FrameException}, and what it returns re-encodes to the same frame.
 */
class FrameCodecFuzzTest {
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final int INPUTS = 20_000;
    private static final FrameCodec CODEC = new FrameCodec();
    private static final String[] OPS = {"authorize", "subscribe", "unsubscribe", "publish", "ack", "ping", "pong", "x"};
    private static final String[] FIELDS = {"op", "id", "appkey", "userId", "otp", "sdk", "channel", "token",
        "content", "guid", "retried", "receipt"};
    private static final String[] CHANNELS = {"news", "login:Vx3", "private:u-1", "a", "x.y@z=1", "", "a b", "\u00e9"};
    private static final byte[] JSON_BYTES = "{}[]\":,0123456789eE.-+ tfnul\\x".getBytes(UTF_8);

    private final Random random = new Random(SEED);
    private int accepted;
    private int refused;

    @Test
    void decodeReturnsAFrameOrThrowsFrameExceptionAndFramesRoundTrip() {
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = nextInput(i % 7);
            check(i, input);
        }
        // Both outcomes must be exercised, or the property says nothing.
        assertThat(accepted).as("accepted").isGreaterThan(INPUTS / 20);
        assertThat(refused).as("refused").isGreaterThan(INPUTS / 4);
    }

    private byte[] nextInput(int kind) {
        switch (kind) {
            case 0:
                return randomBytes(random.nextInt(48));
            case 1:
                return truncate(validFrame());
            case 2:
                return mutate(validFrame());
            case 3:
                return deeplyNested();
            case 4:
                return hugeNumber();
            case 5:
                return wrongTypes();
            default:
                return validFrame();
        }
    }

    /** Plain checks rather than AssertJ in this loop: it runs 20,000 times. */
    private void check(int index, byte[] input) {
        ClientFrame frame;
        try {
            frame = CODEC.decodeClient(input);
        } catch (FrameException e) {
            refused++;
            if (e.word() == null) {
                fail("input %d refused without an error word: %s", index, show(input));
            }
            return;
        } catch (Throwable t) {
            fail("input %d (seed %d) threw %s: %s", index, SEED, t, show(input));
            return;
        }
        accepted++;
        ClientFrame again = CODEC.decodeClient(CODEC.encode(frame));
        // Content is relayed byte for byte, whitespace and escapes included, so the frame comes back equal.
        if (!again.equals(frame)) {
            fail("input %d decoded to %s but its re-encoding to %s: %s", index, frame, again, show(input));
        }
    }

    private byte[] validFrame() {
        String op = OPS[random.nextInt(6)];
        StringBuilder b = new StringBuilder("{\"op\":\"").append(op).append('"');
        if (!op.equals("ping") && !op.equals("ack")) {
            b.append(",\"id\":").append(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(100));
        }
        b.append(",\"appkey\":\"demo\",\"channel\":\"").append(CHANNELS[random.nextInt(5)]).append('"');
        b.append(",\"guid\":\"g").append(random.nextInt(1000)).append('"');
        if (random.nextBoolean()) {
            b.append(",\"token\":\"t.o.k\",\"userId\":\"u\u00e917\",\"otp\":\"o\",\"sdk\":\"s\"");
        }
        if (random.nextBoolean()) {
            b.append(",\"retried\":").append(random.nextInt(5)).append(",\"receipt\":").append(random.nextBoolean());
        }
        b.append(",\"content\":").append(randomValue(3)).append('}');
        return b.toString().getBytes(UTF_8);
    }

    private String randomValue(int depth) {
        switch (random.nextInt(depth <= 0 ? 6 : 8)) {
            case 0:
                return "null";
            case 1:
                return Boolean.toString(random.nextBoolean());
            case 2:
                return Long.toString(random.nextLong());
            case 3:
                return Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(600) - 300));
            case 4:
                return "\"s \\\"\\u00e9\\n\u20ac\uD83D\uDE00" + random.nextInt(100) + "\"";
            case 5:
                return random.nextInt(4) + "." + random.nextInt(1000) + "e" + (random.nextInt(800) - 400);
            case 6:
                return "[" + randomValue(depth - 1) + " , " + randomValue(depth - 1) + "]";
            default:
                return "{\"k\":" + randomValue(depth - 1) + ",\"\u65e5\":" + randomValue(depth - 1) + "}";
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = random.nextBoolean() ? JSON_BYTES[random.nextInt(JSON_BYTES.length)] : (byte) random.nextInt(256);
        }
        if (length > 0 && random.nextBoolean()) {
            bytes[0] = '{';
        }
        return bytes;
    }

    private byte[] truncate(byte[] frame) {
        return Arrays.copyOf(frame, random.nextInt(frame.length + 1));
    }

    private byte[] mutate(byte[] frame) {
        byte[] bytes = frame;
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = random.nextInt(bytes.length);
            byte b = random.nextBoolean() ? JSON_BYTES[random.nextInt(JSON_BYTES.length)] : (byte) random.nextInt(256);
            switch (random.nextInt(3)) {
                case 0:
                    bytes[at] = b;
                    break;
                case 1:
                    bytes = splice(bytes, at, 0, new byte[] {b});
                    break;
                default:
                    bytes = splice(bytes, at, 1, new byte[0]);
                    break;
            }
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }

    private byte[] deeplyNested() {
        int depth = FrameCodec.MAX_NESTING - 5 + random.nextInt(random.nextBoolean() ? 10 : 300);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String field = random.nextBoolean() ? "content" : FIELDS[random.nextInt(FIELDS.length)];
        String body = open.repeat(depth) + "1" + (random.nextInt(4) == 0 ? "" : close.repeat(depth));
        return ("{\"op\":\"publish\",\"id\":1,\"channel\":\"a\",\"" + field + "\":" + body + "}").getBytes(UTF_8);
    }

    private byte[] hugeNumber() {
        StringBuilder n = new StringBuilder(random.nextBoolean() ? "-" : "");
        n.append(1 + random.nextInt(9)).append("9".repeat(random.nextInt(random.nextBoolean() ? 70 : 1100)));
        if (random.nextBoolean()) {
            n.append(random.nextBoolean() ? ".5" : "").append('e').append(random.nextInt(2_000_000) - 1_000_000);
        }
        String field = FIELDS[1 + random.nextInt(FIELDS.length - 1)];
        return ("{\"op\":\"publish\",\"id\":2,\"channel\":\"a\",\"content\":0,\"" + field + "\":" + n + "}").getBytes(UTF_8);
    }

    private byte[] wrongTypes() {
        StringBuilder b = new StringBuilder("{\"op\":\"").append(OPS[random.nextInt(OPS.length)]).append('"');
        for (String field : FIELDS) {
            if (random.nextInt(3) > 0) {
                b.append(",\"").append(field).append("\":").append(randomValue(2));
            }
        }
        return b.append('}').toString().getBytes(UTF_8);
    }

    private static String show(byte[] input) {
        StringBuilder s = new StringBuilder();
        for (byte b : Arrays.copyOf(input, Math.min(input.length, 300))) {
            s.append(b >= 0x20 && b < 0x7F ? Character.toString(b) : String.format("\\x%02x", b & 0xFF));
        }
        return s.toString();
    }
}
