package io.qrpush.server.login;

/**
 * Told of every change of a login session's status, once for the cluster: by the node whose
 * compare-and-set wrote it (webhooks listen here). It runs on the writer's thread, so it only
 * queues.
 */
@FunctionalInterface
public interface LoginListener {
    /** The session went from {@code before} to {@code after}, whose status differs. */
    void changed(LoginSession before, LoginSession after);
}
