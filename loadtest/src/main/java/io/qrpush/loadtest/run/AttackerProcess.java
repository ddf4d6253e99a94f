package io.qrpush.loadtest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.loadtest.hostile.AttackPlan;
import io.qrpush.loadtest.hostile.AttackProgress;
import io.qrpush.loadtest.hostile.AttackResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The attacking process of {@code hostile}, seen from the parent: a child JVM with its own
 * open-file limit, started ahead of time, told GO when the attack is due; it says when it began,
 * passes on its progress, says when it let go, and leaves its result in a file.
 */
public final class AttackerProcess implements AutoCloseable {
    private final Process process;
    private final Path result;
    private final ObjectMapper mapper;
    private final PrintStream err;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Consumer<AttackProgress> onProgress;
    private volatile long attackingMicros;
    private volatile long releasedMicros;

    /** Starts the child; {@code deadline} bounds its whole life; {@code onProgress} gets each second's progress. */
    public AttackerProcess(String url, AttackPlan plan, Duration deadline, ObjectMapper mapper, PrintStream err,
                           Consumer<AttackProgress> onProgress) throws IOException {
        this.mapper = mapper;
        this.err = err;
        this.onProgress = onProgress;
        this.result = Files.createTempFile("qrpush-attack", ".json");
        List<String> cmd = Children.javaCommand();
        // This JVM's GC log and flight recording are its own: the attacker must not write over them.
        cmd.removeIf(a -> a.startsWith("-Xlog") || a.startsWith("-XX:StartFlightRecording"));
        cmd.add("attack");
        cmd.add("--url=" + url);
        cmd.addAll(plan.toArgs());
        cmd.add("--result=" + result);
        cmd.add("--deadline=" + deadline.toMillis() + "ms");
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread t = new Thread(this::follow, "loadtest-attacker");
        t.setDaemon(true);
        t.start();
    }

    /** Waits (bounded) until the child is up and waiting for GO; false if it is not. */
    public boolean awaitReady(Duration within) throws InterruptedException {
        return ready.await(within.toMillis(), TimeUnit.MILLISECONDS) && process.isAlive();
    }

    public void go() {
        try {
            process.getOutputStream().write("GO\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            err.println("the attacking process is gone: " + e.getMessage());
        }
    }

    /**
     * When the attack began, in epoch µs of {@link io.qrpush.loadtest.metrics.MicroClock} as the
     * child took it (its lines may be read late), or 0 before.
     */
    public long attackingMicros() {
        return attackingMicros;
    }

    /** When every attack socket had been let go of, as {@link #attackingMicros()}, or 0 before. */
    public long releasedMicros() {
        return releasedMicros;
    }

    public boolean released() {
        return released.getCount() == 0;
    }

    /** Waits (bounded) for the child to end and reads its result; null when it left none. */
    public AttackResult result(Duration within) throws InterruptedException, IOException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            err.println("the attacking process did not end in " + within.toSeconds() + " s: stopping it");
            return null;
        }
        if (process.exitValue() != 0 || Files.size(result) == 0) {
            err.println("the attacking process failed (exit " + process.exitValue() + ")");
            return null;
        }
        return mapper.readValue(result.toFile(), AttackResult.class);
    }

    private void follow() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(ChildLink.PREFIX + "READY")) {
                    ready.countDown();
                } else if (line.startsWith(ChildLink.PREFIX + "ATTACKING ")) {
                    attackingMicros = Long.parseLong(line.substring(ChildLink.PREFIX.length() + 10).trim());
                } else if (line.startsWith(ChildLink.PREFIX + "PROGRESS ")) {
                    onProgress.accept(mapper.readValue(line.substring(ChildLink.PREFIX.length() + 9),
                            AttackProgress.class));
                } else if (line.startsWith(ChildLink.PREFIX + "RELEASED ")) {
                    releasedMicros = Long.parseLong(line.substring(ChildLink.PREFIX.length() + 9).trim());
                    released.countDown();
                } else {
                    err.println("[attacker] " + line);
                }
            }
        } catch (IOException e) {
            err.println("[attacker] lost: " + e);
        } finally {
            ready.countDown();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        Files.deleteIfExists(result);
    }
}
