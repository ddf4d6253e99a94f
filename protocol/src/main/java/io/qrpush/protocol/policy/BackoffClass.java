package io.qrpush.protocol.policy;

/**
 * Which window a client's next wait comes from (docs/protocol.md, "Client behaviour"): the
 * ordinary one, or the higher one for a client the server found too chatty (close 4008, error
 * {@code rate_limited}).
 */
public enum BackoffClass {
    NORMAL("normal"), RATE_LIMITED("rate_limited");

    private final String wire;

    BackoffClass(String wire) {
        this.wire = wire;
    }

    /** The spelling in the shared test vectors. */
    public String wire() {
        return wire;
    }
}
