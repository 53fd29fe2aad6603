package concurrencylab.jupyter;

import java.util.Base64;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Teaches the JJava kernel to show the library's results: a Tablesaw {@link Table} as an HTML
 * table and an XChart chart as a PNG image, when one is a cell's last expression or is passed
 * to {@code display(...)}.
 *
 * <p>Nobody calls this class. JJava reads the library jar's
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension} when a notebook adds the jar with
 * {@code %classpath}, and calls {@link #install}. Other ways of running the notebooks (the
 * headless runner, IJava) never read that file and never load this class, so the notebooks
 * must not depend on it: they work the same without it, only less pretty. That is also why the
 * JJava classes are a compile-time-only dependency and are not in the library jar.
 *
 * <p>JJava loads the extension through the notebook's own class loader, so the {@code Table}
 * and {@code Chart} classes registered here are the very ones the notebook's objects have.
 */
public final class KernelDisplay implements Extension {

    /** Called by the service loader. */
    public KernelDisplay() {
    }

    @Override
    public void install(BaseKernel kernel) {
        registerOn(kernel.getRenderer());
    }

    /** Registers the table and chart renderers on {@code renderer}. */
    public static void registerOn(Renderer renderer) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML)
                .register((table, context) ->
                        context.renderIfRequested(MIMEType.TEXT_HTML, () -> HtmlTable.of(table)));

        // Chart is XChart's base class of every chart type; the renderer looks up superclasses.
        @SuppressWarnings("rawtypes")
        Class<Chart> chartClass = Chart.class;
        renderer.createRegistration(chartClass)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_PNG)
                .register((chart, context) ->
                        context.renderIfRequested(MIMEType.IMAGE_PNG, () -> pngBase64(chart)));
    }

    /** Jupyter carries images as base64 text. */
    static String pngBase64(Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return Base64.getEncoder().encodeToString(png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not encode the chart as PNG", e);
        }
    }
}
