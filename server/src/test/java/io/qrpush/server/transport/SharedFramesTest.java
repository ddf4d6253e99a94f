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

    @Test
    void theSamePayloadIsFramedOnceAndEachWriteGetsTheWholeFrame() {
        byte[] payload = "{\"op\":\"message\"}".getBytes(UTF_8);
        ByteBuf expected = TextFrames.frame(alloc, payload);
        ByteBuf first = frames.frame(alloc, payload);
        // A write drains its buffer; the next subscriber's frame must still start at the header.
        first.skipBytes(first.readableBytes());
        ByteBuf second = frames.frame(alloc, payload);
        try {
            assertThat(ByteBufUtil.equals(second, expected)).isTrue();
            assertThat(second.unwrap()).isSameAs(first.unwrap());
        } finally {
            first.release();
            second.release();
            expected.release();
            frames.forget();
        }
    }

    @Test
    void aNewPayloadReplacesTheFrameAndTheOldOneIsFreedWhenItsLastWriteEnds() {
        byte[] a = "{\"n\":1}".getBytes(UTF_8);
        byte[] b = "{\"n\":2}".getBytes(UTF_8);
        ByteBuf inFlight = frames.frame(alloc, a);
        ByteBuf frameOfA = inFlight.unwrap();
        ByteBuf next = frames.frame(alloc, b);
        ByteBuf frameOfB = next.unwrap();
        assertThat(frameOfB).isNotSameAs(frameOfA);
        assertThat(frameOfA.refCnt()).as("a write still in flight keeps its frame").isEqualTo(1);
        assertThat(ByteBufUtil.getBytes(inFlight, inFlight.readerIndex() + 2, a.length)).isEqualTo(a);
        inFlight.release();
        assertThat(frameOfA.refCnt()).isZero();
        next.release();
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
            assertThat(other.unwrap()).isNotSameAs(one.unwrap());
            assertThat(ByteBufUtil.equals(one, other)).isTrue();
        } finally {
            one.release();
            other.release();
            frames.forget();
        }
    }
}
