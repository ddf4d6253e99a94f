package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.ORIGIN_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.it.LoginFixture.Created;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The QR images decode, with ZXing's decoder, to exactly the session's qrContent. */
class LoginQrIT extends DefaultServerIT {
    @Test
    void pngDecodesToTheQrContentAtEverySize() throws Exception {
        Created s = login.create(APP_A);
        HttpResponse<byte[]> r = login.bytes(s.qrPng());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        BufferedImage image = QrDecoding.png(r.body());
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(QrDecoding.decode(image)).isEqualTo(s.qrContent());
        int[][] sizes = {{1, 128}, {128, 128}, {300, 300}, {1024, 1024}, {99999, 1024}};
        for (int[] size : sizes) {
            BufferedImage sized = QrDecoding.png(login.bytes(s.qrPng() + "?size=" + size[0]).body());
            assertThat(sized.getWidth()).as("size=%d", size[0]).isEqualTo(size[1]);
            assertThat(QrDecoding.decode(sized)).isEqualTo(s.qrContent());
        }
        // The quiet zone: the border is white all round.
        for (int i = 0; i < image.getWidth(); i++) {
            assertThat(image.getRGB(i, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
            assertThat(image.getRGB(0, i) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        }
        assertThat(login.bytes(s.qrPng() + "?size=big").statusCode()).isEqualTo(400);
    }

    @Test
    void svgIsOnePathThatDecodesToTheQrContent() throws Exception {
        Created s = login.create(APP_A);
        HttpResponse<String> r = login.http("GET", s.qrSvg() + "?size=200", null, "Origin", ORIGIN_A);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as("the page fetches it").hasValue(ORIGIN_A);
        assertThat(r.body()).startsWith("<svg").contains("width=\"200\"").doesNotContain("<script");
        assertThat(QrDecoding.decode(QrDecoding.svg(r.body()))).isEqualTo(s.qrContent());
    }

    @Test
    void unknownOrEndedSessionsHaveNoImage() throws Exception {
        assertThat(login.bytes("/api/login/sessions/AAAAAAAAAAAAAAAAAAAAAA/qr.png").statusCode()).isEqualTo(404);
        assertThat(login.bytes("/api/login/sessions/AAAAAAAAAAAAAAAAAAAAAA/qr.svg").statusCode()).isEqualTo(404);
        assertThat(login.bytes("/api/login/sessions/bad$key/qr.svg").statusCode()).isEqualTo(404);
        Created s = login.create(APP_A);
        assertThat(login.bytes("/api/login/sessions/" + s.key() + "/qr.gif").statusCode()).isEqualTo(404);
        assertThat(login.delete(s, s.token(), null).statusCode()).isEqualTo(200);
        assertThat(login.bytes(s.qrPng()).statusCode()).isEqualTo(410);
    }
}
