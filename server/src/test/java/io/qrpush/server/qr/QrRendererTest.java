package io.qrpush.server.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import io.qrpush.server.it.QrDecoding;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class QrRendererTest {
    private static final String CONTENT = "https://example.com/qr?k=Vx3fQ0b2mZ8lT5uR1pN7sA";
    private final QrRenderer renderer = new QrRenderer();

    @Test
    void modulesKeepAFourModuleQuietZone() {
        BitMatrix m = renderer.modules(CONTENT);
        int n = m.getWidth();
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < 4; q++) {
                assertThat(m.get(i, q) || m.get(q, i) || m.get(i, n - 1 - q) || m.get(n - 1 - q, i)).isFalse();
            }
        }
        assertThat(m.get(4, 4)).as("finder pattern corner").isTrue();
    }

    @Test
    void pngAndSvgDecodeBack() throws Exception {
        for (int size : new int[] {QrRenderer.MIN_SIZE, 333, QrRenderer.MAX_SIZE}) {
            BufferedImage png = QrDecoding.png(renderer.png(CONTENT, size));
            assertThat(png.getWidth()).isEqualTo(size);
            assertThat(QrDecoding.decode(png)).isEqualTo(CONTENT);
        }
        String svg = renderer.svg(CONTENT, 256);
        assertThat(svg.split("<path", -1)).hasSize(2);
        assertThat(QrDecoding.decode(QrDecoding.svg(svg))).isEqualTo(CONTENT);
    }

    @Test
    void sizesAreClamped() {
        assertThat(QrRenderer.clamp(1)).isEqualTo(128);
        assertThat(QrRenderer.clamp(500)).isEqualTo(500);
        assertThat(QrRenderer.clamp(Integer.MAX_VALUE)).isEqualTo(1024);
    }
}
