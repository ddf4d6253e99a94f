package io.qrpush.server.config;

import java.time.Duration;

/** Lifetimes of scan-to-login sessions (PROTOCOL.md section 4). */
public record LoginSettings(Duration loginTtl, Duration confirmTtl, Duration ticketTtl, Duration pcGrace) {
    public static LoginSettings defaults() {
        return new LoginSettings(Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(15));
    }
}
