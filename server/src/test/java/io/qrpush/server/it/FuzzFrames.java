package io.qrpush.server.it;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Random;

/**
 * Client frames for {@link FuzzIT} from a seeded {@link Random}: valid frames of every op, and
 * the same mutated, truncated, mistyped, deeply nested, with huge numbers, or plain noise.
 * Every string is whole code points, so the JDK client can send it as a text frame.
 */
final class FuzzFrames {
    private static final String[] CHANNELS = {"news", "chat:1", "private:x", "login:AAAAAAAAAAAAAAAAAAAAAA",
        "a.b@c=d", "x".repeat(128), "bad channel", "", "ümlaut", "news/1"};
    private static final String NOISE = "{}[]\":,0123456789eE+-.abcnulltruefalse op id \\/\u00e9\u4e2d\ud83d\ude00\t";
    private final Random r;
    private long nextId = 1;

    FuzzFrames(long seed) {
        this.r = new Random(seed);
    }

    String next() {
        int k = r.nextInt(100);
        if (k < 50) {
            return valid();
        } else if (k < 60) {
            return mutate(valid());
        } else if (k < 65) {
            return truncate(valid());
        } else if (k < 75) {
            return wrongTypes();
        } else if (k < 83) {
            return hugeNumbers();
        } else if (k < 90) {
            return deepNesting();
        }
        return noise(r.nextInt(120));
    }

    private static String q(String s) {
        return new TextNode(s).toString();
    }

    private String channel() {
        return CHANNELS[r.nextInt(CHANNELS.length)];
    }

    String valid() {
        long id = nextId++;
        switch (r.nextInt(9)) {
            case 0:
                return "{\"op\":\"subscribe\",\"id\":" + id + ",\"channel\":" + q(channel()) + "}";
            case 1:
                return "{\"op\":\"unsubscribe\",\"id\":" + id + ",\"channel\":" + q(channel()) + "}";
            case 2:
            case 3:
                return "{\"op\":\"publish\",\"id\":" + id + ",\"channel\":" + q(channel()) + ",\"content\":" + json(3)
                        + (r.nextBoolean() ? ",\"guid\":" + q("g" + r.nextInt(50)) : "")
                        + (r.nextBoolean() ? ",\"receipt\":true,\"retried\":" + r.nextInt(3) : "") + "}";
            case 4:
                return r.nextBoolean() ? "{\"op\":\"ping\"}" : "{\"op\":\"ping\",\"id\":" + id + "}";
            case 5:
                return "{\"op\":\"ack\",\"channel\":" + q(channel()) + ",\"guid\":" + q("g" + r.nextInt(50)) + "}";
            case 6:
                return "{\"op\":\"authorize\",\"id\":" + id + ",\"appkey\":\"app-a\"}";
            case 7:
                return "{\"id\":" + id + ",\"op\":\"publish\",\"content\":" + json(2) + ",\"channel\":\"news\"}";
            default:
                return "{\"op\":" + q(noise(r.nextInt(10))) + ",\"id\":" + id + "}";
        }
    }

    /** Any JSON value, nested up to {@code depth}. */
    private String json(int depth) {
        switch (r.nextInt(depth > 0 ? 9 : 6)) {
            case 0:
                return Long.toString(r.nextLong());
            case 1:
                return Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
            case 2:
                return q(noise(r.nextInt(30)));
            case 3:
                return r.nextBoolean() ? "true" : "false";
            case 4:
                return "null";
            case 5:
                return "1" + "0".repeat(r.nextInt(60));
            case 6:
            case 7: {
                StringBuilder b = new StringBuilder("[");
                for (int i = r.nextInt(5); i > 0; i--) {
                    b.append(json(depth - 1)).append(i > 1 ? "," : "");
                }
                return b.append(']').toString();
            }
            default: {
                StringBuilder b = new StringBuilder("{");
                for (int i = r.nextInt(5); i > 0; i--) {
                    b.append(q(noise(r.nextInt(8)))).append(':').append(json(depth - 1)).append(i > 1 ? "," : "");
                }
                return b.append('}').toString();
            }
        }
    }

    private String noise(int length) {
        int[] pool = NOISE.codePoints().toArray();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.appendCodePoint(pool[r.nextInt(pool.length)]);
        }
        return b.toString();
    }

    private String mutate(String frame) {
        int[] cps = frame.codePoints().toArray();
        StringBuilder b = new StringBuilder();
        int at = r.nextInt(cps.length);
        int op = r.nextInt(4);
        for (int i = 0; i < cps.length; i++) {
            if (i == at && op == 0) {
                continue;
            }
            if (i == at && op == 1) {
                b.append(noise(1 + r.nextInt(3)));
            }
            b.appendCodePoint(i == at && op == 2 ? NOISE.codePointAt(r.nextInt(20)) : cps[i]);
            if (i == at && op == 3) {
                b.appendCodePoint(cps[i]).appendCodePoint(cps[i]);
            }
        }
        return b.toString();
    }

    private String truncate(String frame) {
        int[] cps = frame.codePoints().toArray();
        return new String(cps, 0, r.nextInt(cps.length));
    }

    private String wrongTypes() {
        long id = nextId++;
        String[] t = {
            "{\"op\":\"publish\",\"id\":ID,\"channel\":123,\"content\":1}",
            "{\"op\":\"subscribe\",\"id\":\"ID\",\"channel\":\"news\"}",
            "{\"op\":[\"publish\"],\"id\":ID}",
            "{\"op\":\"publish\",\"id\":ID,\"channel\":\"news\",\"content\":1,\"receipt\":\"yes\"}",
            "{\"op\":\"publish\",\"id\":ID,\"channel\":\"news\",\"content\":1,\"guid\":{\"a\":1}}",
            "{\"op\":\"publish\",\"id\":ID,\"channel\":\"news\",\"content\":1,\"retried\":-1}",
            "{\"op\":\"publish\",\"id\":ID,\"channel\":\"news\",\"content\":1,\"retried\":1.5}",
            "{\"op\":\"ack\",\"channel\":5,\"guid\":\"g1\"}",
            "{\"op\":\"ack\",\"channel\":\"news\"}",
            "{\"op\":\"publish\",\"id\":ID,\"channel\":\"news\"}",
            "{\"op\":\"authorize\",\"id\":ID}",
            "{\"op\":\"subscribe\",\"id\":true,\"channel\":\"news\"}",
            "{\"op\":null,\"id\":ID}",
            "{\"id\":ID}",
            "[{\"op\":\"ping\"}]",
            "{\"op\":\"ping\"} {\"op\":\"ping\"}",
            "{\"op\":\"unsubscribe\",\"id\":ID,\"channel\":null}",
            "{\"op\":\"publish\",\"id\":ID,\"channel\":\"news\",\"content\":1,\"guid\":\"\"}",
        };
        return t[r.nextInt(t.length)].replace("ID", Long.toString(id));
    }

    private String hugeNumbers() {
        long id = nextId++;
        String[] numbers = {"1e999", "-1e-999", "123456789012345678901234567890", "1" + "0".repeat(70),
            "1e999999999", "0.1000000000000000000001", "-0", "1E+2"};
        String[] ids = {Long.toString(Long.MAX_VALUE), "9223372036854775808", Long.toString(Long.MIN_VALUE),
            "1e3", "0", "-1", "1.0", Long.toString(id)};
        if (r.nextBoolean()) {
            return "{\"op\":\"publish\",\"id\":" + id + ",\"channel\":\"news\",\"content\":"
                    + numbers[r.nextInt(numbers.length)] + "}";
        }
        return "{\"op\":\"subscribe\",\"id\":" + ids[r.nextInt(ids.length)] + ",\"channel\":\"news\"}";
    }

    private String deepNesting() {
        long id = nextId++;
        int depth = r.nextBoolean() ? 95 + r.nextInt(10) : 1000 + r.nextInt(4000);
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return "{\"op\":\"publish\",\"id\":" + id + ",\"channel\":\"news\",\"content\":" + open.repeat(depth) + "1"
                + close.repeat(depth) + "}";
    }
}
