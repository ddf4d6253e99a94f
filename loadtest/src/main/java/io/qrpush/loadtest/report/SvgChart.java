package io.qrpush.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart drawn as inline SVG: axes with ticks, one polyline per series, a legend and
 * an optional shaded band (the measured window). No scripts, no fonts fetched: the page must
 * read the same offline and in a year.
 */
public final class SvgChart {
    /** One line (or, with {@code dots}, points not joined: separate events such as failures): x/y in data units. */
    public record Series(String name, List<double[]> points, boolean dots) {
        public Series(String name, List<double[]> points) {
            this(name, points, false);
        }
    }

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf"};
    private static final int W = 860;
    private static final int H = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 180;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private final List<double[]> xTicks = new ArrayList<>();
    private final List<String> xTickLabels = new ArrayList<>();
    private double bandFrom = Double.NaN;
    private double bandTo = Double.NaN;

    public SvgChart(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    public SvgChart add(Series s) {
        if (!s.points().isEmpty()) {
            series.add(s);
        }
        return this;
    }

    /** Labels the x axis at chosen positions instead of evenly spaced numbers. */
    public SvgChart xTick(double x, String label) {
        xTicks.add(new double[] {x});
        xTickLabels.add(label);
        return this;
    }

    public SvgChart band(double from, double to) {
        bandFrom = from;
        bandTo = to;
        return this;
    }

    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
                + "viewBox='0 0 %d %d' font-family='sans-serif' font-size='12'>", W, H, W, H));
        b.append(String.format(Locale.ROOT, "<text x='%d' y='18' font-size='14' font-weight='bold'>%s</text>", LEFT,
                esc(title)));
        if (series.isEmpty()) {
            return b.append("<text x='70' y='80'>no data</text></svg>").toString();
        }
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE;
        for (Series s : series) {
            for (double[] p : s.points()) {
                x0 = Math.min(x0, p[0]);
                x1 = Math.max(x1, p[0]);
                y0 = Math.min(y0, p[1]);
                y1 = Math.max(y1, p[1]);
            }
        }
        if (x1 <= x0) {
            x1 = x0 + 1;
        }
        double[] yr = logY ? new double[] {Math.floor(Math.log10(Math.max(y0, 0.01))),
            Math.ceil(Math.log10(Math.max(y1, 0.01) * 1.0001))} : new double[] {0, niceMax(y1)};
        if (yr[1] <= yr[0]) {
            yr[1] = yr[0] + 1;
        }
        Scale sx = new Scale(x0, x1, LEFT, W - RIGHT, false);
        Scale sy = new Scale(yr[0], yr[1], H - BOTTOM, TOP, logY);
        if (!Double.isNaN(bandFrom)) {
            b.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='#eef5ff'/>",
                    sx.px(bandFrom), TOP, Math.max(0, sx.px(Math.min(bandTo, x1)) - sx.px(bandFrom)), H - TOP - BOTTOM));
        }
        axes(b, sx, sy, yr);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String color = COLORS[i % COLORS.length];
            if (s.dots()) {
                for (double[] p : s.points()) {
                    b.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>", sx.px(p[0]),
                            sy.px(p[1]), color));
                }
            } else {
                b.append("<polyline fill='none' stroke-width='1.8' stroke='").append(color).append("' points='");
                for (double[] p : s.points()) {
                    b.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.px(p[0]), sy.px(p[1])));
                }
                b.append("'/>");
            }
            int ly = TOP + 10 + i * 18;
            b.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='%s' stroke-width='3'/>"
                    + "<text x='%d' y='%d'>%s</text>", W - RIGHT + 12, ly, W - RIGHT + 30, ly, color, W - RIGHT + 36,
                    ly + 4, esc(s.name())));
        }
        return b.append("</svg>").toString();
    }

    private void axes(StringBuilder b, Scale sx, Scale sy, double[] yr) {
        int bottom = H - BOTTOM;
        b.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", LEFT, bottom,
                W - RIGHT, bottom));
        b.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", LEFT, TOP, LEFT,
                bottom));
        List<double[]> yt = new ArrayList<>();
        if (logY) {
            for (double e = yr[0]; e <= yr[1]; e++) {
                yt.add(new double[] {Math.pow(10, e)});
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                yt.add(new double[] {yr[1] * i / 5});
            }
        }
        for (double[] t : yt) {
            double y = sy.px(t[0]);
            b.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>"
                    + "<text x='%d' y='%.1f' text-anchor='end'>%s</text>", LEFT, y, W - RIGHT, y, LEFT - 6, y + 4,
                    num(t[0])));
        }
        if (xTicks.isEmpty()) {
            for (int i = 0; i <= 6; i++) {
                double v = sx.from + (sx.to - sx.from) * i / 6;
                b.append(tickX(sx.px(v), num(v)));
            }
        } else {
            for (int i = 0; i < xTicks.size(); i++) {
                b.append(tickX(sx.px(xTicks.get(i)[0]), xTickLabels.get(i)));
            }
        }
        b.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle'>%s</text>",
                (LEFT + W - RIGHT) / 2, H - 10, esc(xLabel)));
        b.append(String.format(Locale.ROOT, "<text x='16' y='%d' text-anchor='middle' transform='rotate(-90 16 %d)'>"
                + "%s</text>", (TOP + bottom) / 2, (TOP + bottom) / 2, esc(yLabel)));
    }

    private static String tickX(double x, String label) {
        return String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#ddd'/>"
                + "<text x='%.1f' y='%d' text-anchor='middle'>%s</text>", x, TOP, x, H - BOTTOM + 4, x,
                H - BOTTOM + 18, esc(label));
    }

    private static double niceMax(double v) {
        if (v <= 0) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= v) {
                return m * mag;
            }
        }
        return 10 * mag;
    }

    static String num(double v) {
        if (v != 0 && Math.abs(v) < 1) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        if (v == Math.rint(v) || Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }

    private record Scale(double from, double to, double pxFrom, double pxTo, boolean log) {
        double px(double v) {
            double d = log ? Math.log10(Math.max(v, 1e-9)) : v;
            double t = (d - from) / (to - from);
            return pxFrom + Math.max(-0.05, Math.min(1.05, t)) * (pxTo - pxFrom);
        }
    }
}
