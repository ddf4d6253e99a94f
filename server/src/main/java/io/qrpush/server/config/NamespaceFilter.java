package io.qrpush.server.config;

import io.qrpush.protocol.Channels;
import java.util.function.Predicate;

/**
 * The channels of the namespaces a feature serves (history, presence). {@link #matches} runs
 * for every request and publication on every channel, so it compares the namespace in place
 * rather than cut it out of the name, and allocates nothing. {@code login:} channels never match.
 */
public final class NamespaceFilter {
    private final Namespaces namespaces;
    private final String[] names;

    /** The namespaces whose settings pass {@code which}. */
    public NamespaceFilter(Namespaces namespaces, Predicate<NamespaceSettings> which) {
        this.namespaces = namespaces;
        this.names = namespaces.all().stream().filter(which).map(NamespaceSettings::name).toArray(String[]::new);
    }

    public boolean matches(String channel) {
        if (names.length == 0 || Channels.isLogin(channel)) {
            return false;
        }
        int colon = channel.indexOf(':');
        int length = colon < 0 ? 0 : colon;
        for (String name : names) {
            if (name.length() == length && channel.regionMatches(0, name, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** The settings of a channel's namespace. */
    public NamespaceSettings settings(String channel) {
        return namespaces.forChannel(channel);
    }
}
