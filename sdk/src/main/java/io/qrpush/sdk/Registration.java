package io.qrpush.sdk;

/** A listener added to a {@link QrPushClient}; {@link #remove()} stops it. */
@FunctionalInterface
public interface Registration {
    void remove();
}
