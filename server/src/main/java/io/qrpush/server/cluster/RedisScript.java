package io.qrpush.server.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.qrpush.server.core.Failures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), sent whole only when Redis answers
 * {@code NOSCRIPT} (first use, or after a Redis restart): scripts on the publish path would
 * otherwise cross the network with every message.
 */
final class RedisScript {
    private final String lua;
    private final String sha;

    RedisScript(String lua) {
        this.lua = lua;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(lua.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** Runs the script; Redis failures become 503 {@code unavailable}. */
    <T> CompletableFuture<T> run(RedisScriptingAsyncCommands<String, String> redis, ScriptOutputType type,
                                 String[] keys, String... args) {
        CompletionStage<T> bySha = redis.<T>evalsha(sha, type, keys, args);
        return RedisFutures.unavailableOnFailure(bySha
                .handle((value, err) -> err == null ? CompletableFuture.completedStage(value)
                        : isNoScript(err) ? redis.<T>eval(lua, type, keys, args) : CompletableFuture.<T>failedStage(err))
                .thenCompose(stage -> stage));
    }

    private static boolean isNoScript(Throwable err) {
        Throwable cause = Failures.causeOf(err);
        return cause instanceof RedisNoScriptException
                || (cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT"));
    }
}
