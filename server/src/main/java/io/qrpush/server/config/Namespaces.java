package io.qrpush.server.config;

import io.qrpush.protocol.Channels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured namespaces, and the lookup from a channel to its namespace's settings. A
 * channel of a namespace that is not configured, and every {@code login:} channel, gets
 * {@link NamespaceSettings#plain}: no history, no presence.
 */
public final class Namespaces {
    private static final Namespaces NONE = new Namespaces(List.of());

    private final List<NamespaceSettings> all;
    private final Map<String, NamespaceSettings> byName = new LinkedHashMap<>();

    /** Later duplicates are ignored here; {@link ConfigValidator} refuses them at start-up. */
    public Namespaces(List<NamespaceSettings> all) {
        this.all = List.copyOf(all);
        for (NamespaceSettings n : this.all) {
            byName.putIfAbsent(n.name(), n);
        }
    }

    public static Namespaces none() {
        return NONE;
    }

    /** In configuration order. */
    public List<NamespaceSettings> all() {
        return all;
    }

    /** The settings of {@code channel}'s namespace (the part before its first {@code :}). */
    public NamespaceSettings forChannel(String channel) {
        String name = Channels.namespace(channel);
        if (Channels.isLogin(channel)) {
            return NamespaceSettings.plain(name);
        }
        NamespaceSettings n = byName.get(name);
        return n != null ? n : NamespaceSettings.plain(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Namespaces other && all.equals(other.all);
    }

    @Override
    public int hashCode() {
        return all.hashCode();
    }

    @Override
    public String toString() {
        return "Namespaces" + all;
    }
}
