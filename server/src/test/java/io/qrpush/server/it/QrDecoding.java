package io.qrpush.server.it;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Reads our QR images back with ZXing's own decoder, as a phone's scanner would. */
public final class QrDecoding {
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
    private static final Pattern PATH = Pattern.compile("<path [^>]*d=\"([^\"]*)\"");

    private QrDecoding() {
    }

    public static String decode(BufferedImage image) throws NotFoundException {
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
    }

    public static BufferedImage png(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    /** Draws the SVG's single path at 8 pixels a module; fails when the SVG is not that shape. */
    public static BufferedImage svg(String svg) {
        Matcher box = VIEW_BOX.matcher(svg);
        Matcher path = PATH.matcher(svg);
        if (!box.find() || !path.find() || path.find()) {
            throw new AssertionError("expected a viewBox and exactly one path: " + svg);
        }
        int n = Integer.parseInt(box.group(1));
        int px = 8;
        BufferedImage img = new BufferedImage(n * px, n * px, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, n * px, n * px);
        g.setColor(java.awt.Color.BLACK);
        path.reset();
        path.find();
        String d = path.group(1);
        Matcher run = RUN.matcher(d);
        int consumed = 0;
        while (run.find()) {
            if (run.start() != consumed) {
                throw new AssertionError("unexpected path data at " + consumed + ": " + d);
            }
            consumed = run.end();
            g.fillRect(Integer.parseInt(run.group(1)) * px, Integer.parseInt(run.group(2)) * px,
                    Integer.parseInt(run.group(3)) * px, px);
        }
        if (consumed != d.length()) {
            throw new AssertionError("unexpected path data at " + consumed + ": " + d);
        }
        g.dispose();
        return img;
    }
}
