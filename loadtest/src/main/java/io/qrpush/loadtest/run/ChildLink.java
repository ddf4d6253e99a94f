package io.qrpush.loadtest.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A child process's side of the line to its parent: stdout carries {@code @@}-prefixed lines
 * (READY, HELD, SAMPLE, RESULT), stdin carries the parent's GO and CLOSE, so that every child
 * starts its load only when all are connected, and closes only after the parent has measured.
 */
public final class ChildLink {
    public static final String PREFIX = "@@";
    private final PrintStream out;
    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    public ChildLink(PrintStream out) {
        this.out = out;
    }

    public synchronized void tell(String word, String payload) {
        out.println(PREFIX + word + (payload == null ? "" : " " + payload));
        out.flush();
    }

    /** Says {@code word} and waits for the parent's {@code expected} answer. */
    public void handshake(String word, String expected) throws IOException {
        tell(word, null);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().equals(expected)) {
                return;
            }
        }
        throw new IOException("the parent process went away before saying " + expected);
    }
}
