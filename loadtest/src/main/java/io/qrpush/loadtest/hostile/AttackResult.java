package io.qrpush.loadtest.hostile;

import java.util.Map;

/**
 * The attacking process's result, written as JSON for the parent.
 *
 * @param kinds           what became of each kind's sockets, by {@link AttackKind#key()}
 * @param attackSeconds   how long the sockets were held, from the first connect to letting go
 * @param releaseSeconds  how long closing every socket took at the end
 */
public record AttackResult(Map<String, KindResult> kinds, double attackSeconds, double releaseSeconds) {
}
