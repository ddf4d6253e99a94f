package io.qrpush.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our frames, read back by Netty's own client-side decoder as the oracle, at every length boundary. */
class TextFramesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 200_000})
    void nettyReadsTheFrameBackWhole(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'a');
        if (length > 0) {
            payload[length - 1] = 'z';
        }
        ByteBuf frame = TextFrames.frame(ByteBufAllocator.DEFAULT, payload);
        assertThat(frame.readableBytes()).isEqualTo(TextFrames.headerLength(length) + length);

        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).allowMaskMismatch(false).maxFramePayloadLength(1 << 20).build()));
        client.writeInbound(frame);
        TextWebSocketFrame read = client.readInbound();
        try {
            assertThat(read.isFinalFragment()).isTrue();
            byte[] got = new byte[read.content().readableBytes()];
            read.content().readBytes(got);
            assertThat(got).isEqualTo(payload);
            assertThat((Object) client.readInbound()).isNull();
        } finally {
            read.release();
            client.finishAndReleaseAll();
        }
    }
}
