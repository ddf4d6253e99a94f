package io.qrpush.server.history;

import io.qrpush.protocol.FrameCodec;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import java.util.concurrent.CompletableFuture;

/** A stage's gap read from one channel's {@link HistoryStore}: the same read a recovering subscribe makes. */
record StoreGapFill(HistoryStore store, ChannelKey channel, NamespaceSettings ns, FrameCodec codec) implements GapFill {
    @Override
    public CompletableFuture<Recovery> after(StreamPosition sent) {
        return store.recover(channel, ns, sent);
    }

    @Override
    public byte[] frame(HistoryEntry e) {
        Publication p = e.publication();
        return codec.encode(new ServerFrame.Message(p.channel().channel(), p.guid(), p.from(), p.ts(),
                p.content(), e.offset()));
    }
}
