package concurrencylab.chart;

import concurrencylab.measure.Summary;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * XChart charts drawn from measurement results, readable at a glance: title, axis titles with
 * units, legend, white background, 800 x 500 pixels, drawn off-screen (works headless).
 *
 * <pre>{@code
 * Summary summary = Summary.of(runs);
 * Charts.line(summary, "workers").series("executor").title("Pattern 1").image();    // shown inline
 * XYChart sizes = Charts.logLog(summary, "size").series("executor").xLabel("size (elements)").build();
 * Charts.savePng(sizes, Path.of("figures/pattern2.png"));
 * Charts.bars(summary, "executor").title("Light task").image();
 * Charts.runs(curve).title("First runs of a fresh JVM").logY().image();              // warm-up curve
 * }</pre>
 *
 * <p>Line and log-log charts plot each group's median as a solid line with markers, and its
 * min and max as thin dashed lines of the same colour (XChart's error bars are symmetric and
 * cannot show an asymmetric min-max range); the dashed lines are named
 * {@code "<series> min"} and {@code "<series> max"} and left out of the legend. Bar charts
 * show medians, with the value on each bar.
 *
 * <p>Each (series, x) pair must pick one group of the summary: when a summary has more
 * parameters than the chart uses, narrow it first with {@link Summary#where}.
 */
public final class Charts {

    /** Default image width in pixels. */
    public static final int WIDTH = 800;
    /** Default image height in pixels. */
    public static final int HEIGHT = 500;

    private Charts() {
    }

    /** Median elapsed time against a numeric parameter {@code x}, min-max dashed; linear axes, y from 0. */
    public static ChartBuilder<XYChart> line(Summary summary, String x) {
        Objects.requireNonNull(summary, "summary");
        return new ChartBuilder<>(summary.table().name(), x, "elapsed (s): median, dashed min and max",
                b -> XYCharts.summary(summary, x, b));
    }

    /** Like {@link #line} on logarithmic x and y axes: time against size over decades. */
    public static ChartBuilder<XYChart> logLog(Summary summary, String x) {
        ChartBuilder<XYChart> builder = line(summary, x);
        builder.logX = true;
        builder.logY = true;
        return builder;
    }

    /** One bar per value of the parameter {@code category} (and per series), height = median. */
    public static ChartBuilder<CategoryChart> bars(Summary summary, String category) {
        Objects.requireNonNull(summary, "summary");
        return new ChartBuilder<>(summary.table().name(), category, "median elapsed (s)",
                b -> BarCharts.summary(summary, category, b));
    }

    /**
     * Seconds of each run against its index (the {@code repetition} column of a runs table), one
     * line per series: for warm-up curves from {@code Experiment.firstRuns}.
     */
    public static ChartBuilder<XYChart> runs(Table runs) {
        Objects.requireNonNull(runs, "runs");
        return new ChartBuilder<>(runs.name(), "run", "elapsed (s)", b -> XYCharts.runs(runs, b));
    }

    /** The chart drawn as an image, which a notebook shows inline when it ends a cell. */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes the chart as a PNG file, creating parent folders, and returns the file. */
    public static Path savePng(Chart<?, ?> chart, Path file) throws IOException {
        Objects.requireNonNull(chart, "chart");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return file;
    }
}
