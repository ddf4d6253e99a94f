package io.qrpush.server.config;

/** The smallest valid {@code apps:} section, for config tests about other keys. */
final class MinimalApp {
    static final String YAML = """
            apps:
              - appkey: shop
                secret: 0123456789abcdef0123
                apiKey: fedcba9876543210fedc
            """;

    private MinimalApp() {
    }
}
