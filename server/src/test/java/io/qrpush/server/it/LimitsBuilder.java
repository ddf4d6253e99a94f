package io.qrpush.server.it;

import io.qrpush.server.config.HttpLimits;
import io.qrpush.server.config.Limits;
import io.qrpush.server.config.QrpushConfig;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Changes single limits of the test configuration; {@link Limits} itself has withers for a few only. */
final class LimitsBuilder {
    int maxFrameBytes;
    int maxContentBytes;
    int maxSubscriptions;
    int maxOutboundBytes;
    Duration authorizeTimeout;
    Duration pingInterval;
    Duration idleTimeout;
    Duration dedupeWindow;
    int maxRequestsPerSecond;
    HttpLimits http;

    private LimitsBuilder(Limits l) {
        maxFrameBytes = l.maxFrameBytes();
        maxContentBytes = l.maxContentBytes();
        maxSubscriptions = l.maxSubscriptions();
        maxOutboundBytes = l.maxOutboundBytes();
        authorizeTimeout = l.authorizeTimeout();
        pingInterval = l.pingInterval();
        idleTimeout = l.idleTimeout();
        dedupeWindow = l.dedupeWindow();
        maxRequestsPerSecond = l.maxRequestsPerSecond();
        http = l.http();
    }

    /** A config tweak for {@link TestServer#start(UnaryOperator)} that edits the default limits. */
    static UnaryOperator<QrpushConfig> limits(java.util.function.Consumer<LimitsBuilder> edit) {
        return c -> {
            LimitsBuilder b = new LimitsBuilder(c.limits());
            edit.accept(b);
            return c.withLimits(b.build());
        };
    }

    Limits build() {
        return new Limits(maxFrameBytes, maxContentBytes, maxSubscriptions, maxOutboundBytes, authorizeTimeout,
                pingInterval, idleTimeout, dedupeWindow, maxRequestsPerSecond, http);
    }
}
