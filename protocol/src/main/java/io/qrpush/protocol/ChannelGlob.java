package io.qrpush.protocol;

import java.util.List;

/**
 * Matches channel names against the {@code pub} globs of an otp, where {@code *} matches any run
 * of characters. Written as a linear two-pointer match rather than a regex so that a hostile glob
 * cannot cost exponential time.
 */
public final class ChannelGlob {
    private ChannelGlob() {
    }

    /** Whether any glob in the list matches the channel. */
    public static boolean anyMatches(List<String> globs, String channel) {
        for (String glob : globs) {
            if (matches(glob, channel)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one glob matches the whole channel name. */
    public static boolean matches(String glob, String text) {
        int g = 0;
        int t = 0;
        int starAt = -1;
        int resumeText = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                starAt = g++;
                resumeText = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (starAt >= 0) {
                g = starAt + 1;
                t = ++resumeText;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
