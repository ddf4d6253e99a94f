package io.qrpush.server.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class SharedFramesTest {
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final SharedFrames frames = new SharedFrames();

    /**
     * The buffer under every wrapper: Netty's leak detector wraps one allocation in about a hundred,
     * and then each duplicate of it in a wrapper of its own, so comparing one level of
     * {@code unwrap()} failed about once in a hundred runs.
     */
    private static ByteBuf root(ByteBuf buf) {
        while (buf.unwrap() != null) {
            buf = buf.unwrap();
        }
        return buf;
    }

    @Test
    void aFanOutIsFramedOnceAfterItsFirstWriteAndEachWriteGetsTheWholeFrame() {
        byte[] payload = "{\"op\":\"message\"}".getBytes(UTF_8);
        ByteBuf expected = TextFrames.frame(alloc, payload);
        ByteBuf first = frames.frame(alloc, payload);
        ByteBuf second = frames.frame(alloc, payload);
        // A write drains its buffer; the next subscriber's frame must still start at the header.
        second.skipBytes(second.readableBytes());
        ByteBuf third = frames.frame(alloc, payload);
        try {
            assertThat(ByteBufUtil.equals(first, expected)).isTrue();
            assertThat(ByteBufUtil.equals(third, expected)).isTrue();
            assertThat(root(third)).as("the second and later writes share one frame").isSameAs(root(second));
            assertThat(root(first)).as("the first write has a frame of its own").isNotSameAs(root(second));
        } finally {
            first.release();
            second.release();
            third.release();
            expected.release();
            frames.forget();
        }
    }

    @Test
    void aPayloadWrittenOnceKeepsNothing() {
        byte[] payload = "{\"n\":1}".getBytes(UTF_8);
        ByteBuf only = frames.frame(alloc, payload);
        ByteBuf frame = root(only);
        assertThat(only.refCnt()).as("the write owns its frame alone").isEqualTo(1);
        only.release();
        assertThat(frame.refCnt()).as("nothing kept a reference").isZero();
        frames.forget();
    }

    @Test
    void aNewPayloadReplacesTheSharedFrameAndTheOldOneIsFreedWhenItsLastWriteEnds() {
        byte[] a = "{\"n\":1}".getBytes(UTF_8);
        byte[] b = "{\"n\":2}".getBytes(UTF_8);
        frames.frame(alloc, a).release();
        ByteBuf inFlight = frames.frame(alloc, a);
        ByteBuf frameOfA = root(inFlight);
        ByteBuf next = frames.frame(alloc, b);
        assertThat(root(next)).isNotSameAs(frameOfA);
        assertThat(frameOfA.refCnt()).as("a write still in flight keeps the shared frame").isEqualTo(1);
        assertThat(ByteBufUtil.getBytes(inFlight, inFlight.readerIndex() + 2, a.length)).isEqualTo(a);
        inFlight.release();
        assertThat(frameOfA.refCnt()).isZero();
        next.release();
        ByteBuf shared = frames.frame(alloc, b);
        ByteBuf frameOfB = root(shared);
        shared.release();
        assertThat(frameOfB.refCnt()).as("the kept frame holds its own reference").isEqualTo(1);
        frames.forget();
        assertThat(frameOfB.refCnt()).isZero();
    }

    @Test
    void anEqualButDistinctArrayIsANewMessage() {
        byte[] payload = "{\"n\":1}".getBytes(UTF_8);
        ByteBuf one = frames.frame(alloc, payload);
        ByteBuf other = frames.frame(alloc, payload.clone());
        try {
            assertThat(root(other)).isNotSameAs(root(one));
            assertThat(ByteBufUtil.equals(one, other)).isTrue();
        } finally {
            one.release();
            other.release();
            frames.forget();
        }
    }
}
