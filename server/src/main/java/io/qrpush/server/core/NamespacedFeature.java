package io.qrpush.server.core;

import io.qrpush.server.config.NamespaceFilter;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.config.Namespaces;
import java.util.function.Predicate;

/**
 * A feature of the channels whose namespace turns it on (history, presence): it claims those
 * channels and keeps the host the node starts it with.
 */
public abstract class NamespacedFeature implements ChannelFeature {
    private final NamespaceFilter namespaces;
    /** Set by {@link #start}, before any channel reaches the feature. */
    protected volatile FeatureHost host;

    /** @param on whether a namespace's settings turn the feature on */
    protected NamespacedFeature(Namespaces namespaces, Predicate<NamespaceSettings> on) {
        this.namespaces = new NamespaceFilter(namespaces, on);
    }

    @Override
    public final boolean claims(String channel) {
        return namespaces.matches(channel);
    }

    /** The settings of the channel's namespace; for a channel this feature claims. */
    protected final NamespaceSettings settings(String channel) {
        return namespaces.settings(channel);
    }

    @Override
    public void start(FeatureHost h) {
        this.host = h;
    }
}
