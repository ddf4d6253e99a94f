package io.qrpush.loadtest.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qrpush.loadtest.hostile.AttackProgress;
import io.qrpush.loadtest.hostile.AttackResult;
import io.qrpush.loadtest.hostile.Attacker;
import io.qrpush.loadtest.metrics.MicroClock;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.report.ReportFiles;
import io.qrpush.loadtest.run.ChildLink;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code attack} (internal): the attacking process of {@code hostile}. Says READY, waits for the
 * parent's GO, attacks for {@code --attack-for} with a progress line a second, lets go, says
 * RELEASED and writes its result. It ends by itself: after {@code --deadline} whatever happens,
 * and, while it waits for GO, as soon as its parent goes away.
 */
@Command(name = "attack", hidden = true, description = "The attacking process of 'hostile' (internal).")
public final class AttackCommand implements Callable<Integer> {
    @Mixin
    AttackOptions attack;

    @Option(names = "--url", required = true)
    String url;

    @Option(names = "--result", required = true)
    Path result;

    @Option(names = "--deadline", required = true, converter = DurationConverter.class)
    Duration deadline;

    @Override
    public Integer call() throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(deadline.toMillis());
                System.err.println("attack: deadline reached, stopping");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "attack-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        Endpoint target = Endpoint.of(url);
        Attacker attacker = new Attacker(new InetSocketAddress(target.host(), target.port()), attack.plan());
        attacker.warmUp();
        ObjectWriter json = ReportFiles.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
        // Built and used once before READY: in a cold JVM on a busy machine that takes seconds, not to be lost
        // between the start of the attack and its first connect.
        json.writeValueAsString(attacker.progress());
        ChildLink link = new ChildLink(System.out);
        link.handshake("READY", "GO");
        AttackResult r = attacker.run(new Attacker.Listener() {
            // Times in epoch µs of MicroClock: the parent may read these lines late.
            @Override
            public void started() {
                link.tell("ATTACKING", Long.toString(MicroClock.now()));
            }

            @Override
            public void progress(AttackProgress p) {
                try {
                    link.tell("PROGRESS", json.writeValueAsString(p));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void released() {
                link.tell("RELEASED", Long.toString(MicroClock.now()));
            }
        });
        ReportFiles.mapper().writeValue(result.toFile(), r);
        return 0;
    }
}
