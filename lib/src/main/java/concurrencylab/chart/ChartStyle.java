package concurrencylab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The look shared by every chart: white background, a colour-blind-safe palette (Okabe-Ito),
 * and the logical "SansSerif" font, which resolves to whatever sans font the machine has
 * (DejaVu Sans on a bare Linux), so charts render headless.
 */
final class ChartStyle {

    static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};

    static final BasicStroke DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {5f, 4f}, 0f);

    private ChartStyle() {
    }

    static Color color(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /** The colour, semi-transparent: for min and max lines that must not compete with the median. */
    static Color faint(Color color) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), 150);
    }

    static void apply(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setChartFontColor(Color.BLACK);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAxisTickLabelsColor(Color.DARK_GRAY);
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendBackgroundColor(Color.WHITE);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setPlotGridLinesColor(new Color(0xE0E0E0));
        styler.setSeriesColors(PALETTE);
        styler.setAntiAlias(true);
        styler.setChartPadding(12);
    }

    /** Tick labels without exponents or spurious decimals: 3, 0.25, 10k, 2.5M. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1e9) {
            return compact(value / 1e9) + "G";
        }
        if (magnitude >= 1e6) {
            return compact(value / 1e6) + "M";
        }
        if (magnitude >= 1e4) {
            return compact(value / 1e3) + "k";
        }
        return compact(value);
    }

    private static String compact(double value) {
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        String text = String.format(Locale.ROOT, "%.4g", value);
        if (text.contains("e") || text.contains("E")) {
            return Double.toString(value);
        }
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }
}
