package io.qrpush.server.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws QR codes with ZXing: error correction M (survives a smudge or a logo-free glare without
 * making the code denser than a phone reads easily at arm's length) and the standard four-module
 * quiet zone, which scanners need to find the code on a busy page. Modules are whole pixels (an
 * integer scale, centred), so the code stays crisp at any size.
 */
public final class QrRenderer {
    public static final int MIN_SIZE = 128;
    public static final int MAX_SIZE = 1024;
    public static final int DEFAULT_SIZE = 256;
    private static final int QUIET_ZONE = 4;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, QUIET_ZONE,
            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

    /** {@code size} clamped to the range served. */
    public static int clamp(int size) {
        return Math.max(MIN_SIZE, Math.min(MAX_SIZE, size));
    }

    /** The code at one pixel per module, quiet zone included. */
    public BitMatrix modules(String content) {
        try {
            // Width and height 0 ask ZXing for its natural size: one pixel per module.
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("content does not fit in a QR code", e);
        }
    }

    /** A black-on-white PNG about {@code size} pixels square (larger only if the code needs it). */
    public byte[] png(String content, int size) {
        BitMatrix m = modules(content);
        int scale = Math.max(1, size / m.getWidth());
        int side = Math.max(size, m.getWidth() * scale);
        int offset = (side - m.getWidth() * scale) / 2;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        // One bit a pixel, leftmost pixel in the high bit, 1 = white in the default palette:
        // writing the bits directly is far cheaper than setting pixels one by one.
        byte[] bits = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int stride = (side + 7) / 8;
        Arrays.fill(bits, (byte) 0xFF);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    int left = offset + x * scale;
                    for (int row = offset + y * scale, end = row + scale; row < end; row++) {
                        for (int px = left; px < left + scale; px++) {
                            bits[row * stride + (px >> 3)] &= (byte) ~(0x80 >>> (px & 7));
                        }
                    }
                }
            }
        }
        return encodePng(image);
    }

    /**
     * An SVG of the code as one {@code <path>}: each run of dark modules in a row is one
     * rectangle, in module units, on a white background that keeps the quiet zone visible on
     * dark pages.
     */
    public String svg(String content, int size) {
        BitMatrix m = modules(content);
        int n = m.getWidth();
        StringBuilder d = new StringBuilder(n * n);
        for (int y = 0; y < n; y++) {
            int x = 0;
            while (x < n) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < n && m.get(x, y)) {
                    x++;
                }
                d.append('M').append(start).append(' ').append(y).append('h').append(x - start).append("v1h-")
                        .append(x - start).append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + size + "\" height=\"" + size
                + "\" viewBox=\"0 0 " + n + " " + n + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + d + "\"/></svg>";
    }

    /** Through an in-memory stream: ImageIO's default cache would write temporary files to disk. */
    private static byte[] encodePng(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no PNG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            throw new IllegalStateException("writing a PNG to memory failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
