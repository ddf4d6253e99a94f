package io.qrpush.sdk;

/** What the server knows about a channel right now. */
public record ChannelInfo(String channel, int subscribers) {
}
