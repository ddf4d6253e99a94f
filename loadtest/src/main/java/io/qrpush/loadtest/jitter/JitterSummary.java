package io.qrpush.loadtest.jitter;

import java.util.List;

/**
 * What a {@code jitter} run adds to the report: the cuts, the recoveries and the offsets of every
 * subscription (live and replayed deliveries, repeats, gaps). The replay latency is the run's
 * {@code replay} latency; delivered / published / lost are the run's accounting.
 *
 * @param subscribers        subscribers that subscribed (those that could not are the run's errors)
 * @param nodes              the servers the subscribers were spread over
 * @param cuts               sockets cut with a TCP reset by the load tester
 * @param reconnects         resubscriptions that were answered (recovered or not)
 * @param recoveriesAsked    subscribes sent with {@code recover}
 * @param recovered          answered {@code recovered:true}
 * @param recoveriesRefused  answered {@code recovered:false}: a loss the server stated
 * @param live               offsets first seen in a live message
 * @param replayed           offsets first seen in a recovery reply's publications
 * @param duplicates         offsets seen again by the same subscription
 * @param gaps               offsets a subscription never saw, plus one per loss stated across an epoch change
 * @param epochChanges       recovery replies that named another epoch
 */
public record JitterSummary(int channels, int subscribers, List<String> nodes, long cutEveryMillis, long cuts,
                            long reconnects, long recoveriesAsked, long recovered, long recoveriesRefused, long live,
                            long replayed, long duplicates, long gaps, long epochChanges) {

    /** Someone subscribed, and nothing was repeated, skipped or stated lost. */
    public boolean clean() {
        return subscribers > 0 && duplicates == 0 && gaps == 0 && recoveriesRefused == 0;
    }
}
