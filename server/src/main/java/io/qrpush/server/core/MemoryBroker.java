package io.qrpush.server.core;

import io.qrpush.protocol.ServerFrame;
import java.util.concurrent.CompletableFuture;

/** The broker of a single node: everything is delivered right here, synchronously. */
public final class MemoryBroker implements Broker {
    private volatile BrokerHandler handler;

    @Override
    public void start(BrokerHandler h) {
        this.handler = h;
    }

    @Override
    public CompletableFuture<Integer> publish(Publication publication) {
        return CompletableFuture.completedFuture(handler.deliver(publication));
    }

    @Override
    public CompletableFuture<Void> subscribe(ChannelKey channel) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(ChannelKey channel) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> sendReceipt(ReceiptTarget target, ServerFrame.Receipt receipt) {
        handler.receipt(target.sid(), receipt);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Integer> disconnectUser(String appkey, String userId) {
        return CompletableFuture.completedFuture(handler.disconnectUser(appkey, userId));
    }

    @Override
    public CompletableFuture<Long> subscriberCount(ChannelKey channel) {
        return CompletableFuture.completedFuture((long) handler.localSubscribers(channel));
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    @Override
    public void close() {
        handler = null;
    }
}
