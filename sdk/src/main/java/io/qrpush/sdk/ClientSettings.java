package io.qrpush.sdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** A {@link QrPushClient}'s settings once built; see {@link QrPushClient.Builder} for their meaning. */
record ClientSettings(URI url, String appkey, String userId, Supplier<String> otp, String sdk,
                      Duration pingInterval, Duration pongTimeout, Duration connectTimeout,
                      Duration minReconnectDelay, Duration maxReconnectDelay, int dedupeSize, int maxFrameBytes,
                      HttpClient http, Map<String, String> headers, DoubleSupplier random) {
    ClientSettings {
        headers = Map.copyOf(headers);
    }
}
