package io.qrpush.server.drain;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.config.Durations;
import io.qrpush.server.config.ServerSettings;
import io.qrpush.server.packaging.RepoFiles;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The systemd unit's stop timeout outlasts the default drain: a shorter one kills the node
 * mid-drain and every client not yet told drops at once (docs/operations.md, "Upgrades").
 */
class StopTimeoutTest {
    /** The drain's last wait for clients to close, and closing the event loops, with room to spare. */
    private static final Duration AFTER_THE_WINDOW = Duration.ofSeconds(5);

    @Test
    void theUnitsStopTimeoutOutlastsTheDefaultDrainWindow() throws Exception {
        String unit = Files.readString(RepoFiles.of("config/qrpush.service"));
        Matcher m = Pattern.compile("(?m)^TimeoutStopSec=(\\S+)$").matcher(unit);
        assertThat(m.find()).as("config/qrpush.service sets TimeoutStopSec").isTrue();
        Duration stop = Durations.parse(m.group(1));
        assertThat(stop).isGreaterThan(ServerSettings.DEFAULT_DRAIN_WINDOW.plus(AFTER_THE_WINDOW));
    }
}
