package io.qrpush.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.qrpush.server.metrics.ServerMetrics;
import io.qrpush.server.transport.ConnectionCuts.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Cuts are logged as one line per interval, whatever their number, and exposed in /metrics. */
class ConnectionCutsTest {
    private final ServerMetrics metrics = new ServerMetrics();
    private final ConnectionCuts cuts = new ConnectionCuts(metrics);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ConnectionCuts.class);

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    @Test
    void thousandsOfCutsMakeOneLinePerInterval() {
        for (int i = 0; i < 5000; i++) {
            cuts.count(Reason.HEAD_TIMEOUT);
        }
        cuts.count(Reason.MAX_CONNECTIONS);
        cuts.logSummary(60);
        assertThat(log.list).hasSize(1);
        assertThat(log.list.get(0).getFormattedMessage()).contains("head_timeout 5000", "max_connections 1");
        cuts.count(Reason.IDLE_TIMEOUT);
        cuts.logSummary(60);
        assertThat(log.list).as("nothing new but an idle close: no line").hasSize(1);
        cuts.count(Reason.HEAD_TIMEOUT);
        cuts.logSummary(60);
        assertThat(log.list.get(1).getFormattedMessage()).contains("head_timeout 1").doesNotContain("max_connections");
        assertThat(metrics.scrape()).contains("qrpush_connections_cut_total{reason=\"head_timeout\"} 5001.0");
    }
}
