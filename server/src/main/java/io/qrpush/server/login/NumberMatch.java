package io.qrpush.server.login;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Number matching (docs/protocol.md section 4, "Login safety"): the PC shows a two-digit number
 * next to its code, the phone offers three, and only the one on the screen in front of the user
 * confirms. A user who was sent someone else's code cannot see that number, so a relayed login
 * fails two times in three and says so ({@code mismatch}) instead of going through.
 *
 * @param match   the number the PC shows, {@code "10"} to {@code "99"}
 * @param choices the three numbers the phone offers, the match among them, in random order
 */
public record NumberMatch(String match, List<String> choices) {
    /** Offered on the phone: one right, two wrong. */
    static final int CHOICES = 3;
    /**
     * Two digits from 10 up: no leading zero, so the number reads the same on every screen and
     * as a button label.
     */
    private static final int LOWEST = 10;
    private static final int SPAN = 90;
    private static final Random RANDOM = new SecureRandom();

    public NumberMatch {
        choices = List.copyOf(choices);
        if (choices.size() != CHOICES || !choices.contains(match) || choices.stream().distinct().count() != CHOICES) {
            throw new IllegalArgumentException("three distinct choices, the match among them");
        }
    }

    /** A fresh match and its choices, from a CSPRNG: the order must not give the match away. */
    static NumberMatch draw() {
        return draw(RANDOM);
    }

    static NumberMatch draw(Random random) {
        List<String> choices = new ArrayList<>(CHOICES);
        while (choices.size() < CHOICES) {
            String n = Integer.toString(LOWEST + random.nextInt(SPAN));
            if (!choices.contains(n)) {
                choices.add(n);
            }
        }
        String match = choices.get(0);
        Collections.shuffle(choices, random);
        return new NumberMatch(match, choices);
    }

    /** Whether the phone picked the number the PC shows; a missing pick is a wrong one. */
    boolean accepts(String picked) {
        return match.equals(picked);
    }
}
