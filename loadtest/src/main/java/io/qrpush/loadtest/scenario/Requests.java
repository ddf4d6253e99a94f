package io.qrpush.loadtest.scenario;

import io.qrpush.loadtest.net.WsConnection;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.ServerFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The protocol steps scenarios share; a reply other than 200 fails the future with {@link Refused}. */
public final class Requests {
    /** The SDK name sent in {@code authorize}, so a server's logs can tell load from real users. */
    public static final String SDK = "qrpush-loadtest/0.1";

    private Requests() {
    }

    /** Authorizes; {@code otp} null means anonymous. */
    public static CompletableFuture<ServerFrame.Reply> authorize(WsConnection c, String appkey, String otp) {
        return ok(c.request(id -> new ClientFrame.Authorize(id, appkey, null, otp, SDK)));
    }

    public static CompletableFuture<ServerFrame.Reply> subscribe(WsConnection c, String channel, String token) {
        return ok(c.request(id -> new ClientFrame.Subscribe(id, channel, token)));
    }

    /** Fails the future unless the reply is a success. */
    public static CompletableFuture<ServerFrame.Reply> ok(CompletableFuture<ServerFrame.Reply> f) {
        return f.thenApply(r -> {
            if (!r.isOk()) {
                throw new Refused(r.code(), r.error());
            }
            return r;
        });
    }

    /** The error key under which a failed step is counted. */
    public static String errorKey(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof Refused r) {
            return "error:" + r.word();
        }
        if (c instanceof io.qrpush.loadtest.net.ConnectionClosedException e) {
            return "error:closed_before_reply";
        }
        return io.qrpush.loadtest.net.ClientLoop.connectErrorKey(c);
    }

    /** A reply with a failure code. */
    public static final class Refused extends RuntimeException {
        private final int code;
        private final String word;

        public Refused(int code, String word) {
            super(code + " " + word, null, false, false);
            this.code = code;
            this.word = word == null ? "code_" + code : word;
        }

        public int code() {
            return code;
        }

        public String word() {
            return word;
        }
    }
}
