package concurrencylab.chart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The options of one chart from {@link Charts}: title, axis labels, the column that splits
 * the data into series, size, and logarithmic axes. Every option has a readable default;
 * {@link #build()} draws the chart.
 *
 * <pre>{@code
 * XYChart chart = Charts.line(summary, "workers").series("executor")
 *     .title("Pattern 1: heavy task, n = 3").xLabel("max workers").build();
 * }</pre>
 *
 * <p>A mutable builder, not thread-safe; {@code build()} may be called more than once.
 *
 * @param <C> the XChart chart it builds
 */
public final class ChartBuilder<C extends Chart<?, ?>> {

    private final Function<ChartBuilder<C>, C> drawing;

    // Options, read by the drawing code in this package.
    String title;
    String xLabel;
    String yLabel;
    String series;
    int width = Charts.WIDTH;
    int height = Charts.HEIGHT;
    boolean logX;
    boolean logY;

    ChartBuilder(String title, String xLabel, String yLabel, Function<ChartBuilder<C>, C> drawing) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.drawing = drawing;
    }

    /** The title above the plot. */
    public ChartBuilder<C> title(String title) {
        this.title = Objects.requireNonNull(title, "title");
        return this;
    }

    /** The x axis title; say the unit, e.g. {@code "size (elements)"}. */
    public ChartBuilder<C> xLabel(String label) {
        this.xLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /** The y axis title; say the unit, e.g. {@code "elapsed (s)"}. */
    public ChartBuilder<C> yLabel(String label) {
        this.yLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /** The parameter column whose values become the series (one line or bar colour each). */
    public ChartBuilder<C> series(String column) {
        this.series = Objects.requireNonNull(column, "column");
        return this;
    }

    /** The image size in pixels (default 800 x 500). */
    public ChartBuilder<C> size(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("chart size must be at least 100 x 100 pixels, got "
                    + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** A logarithmic y axis (for line and run charts), e.g. when first runs are far slower than later ones. */
    public ChartBuilder<C> logY() {
        this.logY = true;
        return this;
    }

    /** Draws the chart. */
    public C build() {
        return drawing.apply(this);
    }

    /** Draws the chart as an image, which a notebook shows inline when it ends a cell. */
    public BufferedImage image() {
        return Charts.image(build());
    }

    /** Draws the chart into a PNG file, creating parent folders, and returns the file. */
    public Path savePng(Path file) throws IOException {
        return Charts.savePng(build(), file);
    }
}
