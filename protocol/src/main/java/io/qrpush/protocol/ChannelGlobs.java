package io.qrpush.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pub} globs of one otp, compiled once when the otp is accepted so that each publish
 * is a match against ready pieces: a glob without {@code *} is one {@code equals}, and a glob
 * with stars is a prefix, a suffix and the literal pieces between, found left to right with
 * {@code indexOf} (the leftmost place of each piece is never worse than a later one, so no
 * backtracking). {@code *} matches any run of characters, the empty one too; the rest is literal.
 */
public final class ChannelGlobs {
    /** No glob: matches nothing (an anonymous connection, or an otp without {@code pub}). */
    public static final ChannelGlobs NONE = new ChannelGlobs(List.of());

    private final List<String> sources;
    private final Compiled[] compiled;

    private ChannelGlobs(List<String> sources) {
        this.sources = List.copyOf(sources);
        this.compiled = new Compiled[this.sources.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = Compiled.of(this.sources.get(i));
        }
    }

    public static ChannelGlobs compile(List<String> globs) {
        return globs.isEmpty() ? NONE : new ChannelGlobs(globs);
    }

    /** Whether any of the globs matches the whole channel name. */
    public boolean matches(String channel) {
        for (Compiled c : compiled) {
            if (c.matches(channel)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return compiled.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelGlobs other && sources.equals(other.sources);
    }

    @Override
    public int hashCode() {
        return sources.hashCode();
    }

    @Override
    public String toString() {
        return sources.toString();
    }

    /**
     * One glob: {@code exact} when it has no star; else the text before the first star, the text
     * after the last, and the non-empty pieces between stars, in order.
     */
    private record Compiled(String exact, String prefix, String suffix, String[] middle, int minLength) {

        static Compiled of(String glob) {
            String[] pieces = glob.split("\\*", -1);
            if (pieces.length == 1) {
                return new Compiled(glob, null, null, null, glob.length());
            }
            String prefix = pieces[0];
            String suffix = pieces[pieces.length - 1];
            int minLength = prefix.length() + suffix.length();
            List<String> middle = new ArrayList<>();
            for (int i = 1; i < pieces.length - 1; i++) {
                if (!pieces[i].isEmpty()) {
                    middle.add(pieces[i]);
                    minLength += pieces[i].length();
                }
            }
            return new Compiled(null, prefix, suffix, middle.toArray(new String[0]), minLength);
        }

        boolean matches(String text) {
            if (exact != null) {
                return exact.equals(text);
            }
            if (text.length() < minLength || !text.startsWith(prefix) || !text.endsWith(suffix)) {
                return false;
            }
            int from = prefix.length();
            int end = text.length() - suffix.length();
            for (String piece : middle) {
                int at = text.indexOf(piece, from);
                if (at < 0 || at + piece.length() > end) {
                    return false;
                }
                from = at + piece.length();
            }
            return true;
        }
    }
}
