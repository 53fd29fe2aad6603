package concurrencylab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencylab.measure.Experiment;
import concurrencylab.measure.Summary;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ChartsTest {

    @TempDir
    Path dir;

    /** Two executors x three worker counts x two sizes, two runs each, with known positive seconds. */
    static Summary summary() {
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn executor = StringColumn.create("executor");
        IntColumn workers = IntColumn.create("workers");
        IntColumn size = IntColumn.create("size");
        IntColumn repetition = IntColumn.create("repetition");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (String e : List.of("thread", "process")) {
            for (int w = 1; w <= 3; w++) {
                for (int s : new int[] {1_000, 1_000_000}) {
                    for (int r = 1; r <= 2; r++) {
                        scenario.append("chart test");
                        executor.append(e);
                        workers.append(w);
                        size.append(s);
                        repetition.append(r);
                        seconds.append(s / 1e6 * (e.equals("thread") ? 1.0 : 3.0 / w) * (1 + 0.1 * r));
                    }
                }
            }
        }
        return Summary.of(Table.create("chart test", scenario, executor, workers, size, repetition, seconds));
    }

    @Test
    void lineChartHasAMedianSeriesPerExecutorWithDashedMinAndMax() throws Exception {
        XYChart chart = Charts.line(summary().where(Map.of("size", 1_000_000)), "workers").series("executor")
                .title("elapsed vs workers").build();
        assertEquals(List.of("thread", "thread min", "thread max", "process", "process min", "process max"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertTrue(chart.getSeriesMap().get("thread").isShowInLegend());
        assertFalse(chart.getSeriesMap().get("thread min").isShowInLegend());
        assertEquals("elapsed vs workers", chart.getTitle());
        assertEquals("workers", chart.getXAxisTitle());
        assertTrue(chart.getYAxisTitle().startsWith("elapsed (s)"));
        assertFalse(chart.getStyler().isXAxisLogarithmic());

        Path file = Charts.savePng(chart, dir.resolve("nested/folder/line.png"));
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "not a decodable PNG");
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
    }

    @Test
    void medianSeriesHoldsTheSummaryMediansInXOrder() {
        Summary summary = summary().where(Map.of("size", 1_000_000));
        XYChart chart = Charts.line(summary, "workers").series("executor").build();
        double[] y = chart.getSeriesMap().get("process").getYData();
        assertEquals(summary.median(Map.of("executor", "process", "workers", 1)), y[0]);
        assertEquals(summary.median(Map.of("executor", "process", "workers", 3)), y[2]);
        double[] max = chart.getSeriesMap().get("process max").getYData();
        assertEquals(summary.get(Map.of("executor", "process", "workers", 2)).max(), max[1]);
    }

    @Test
    void logLogChartHasLogarithmicAxes() throws Exception {
        XYChart chart = Charts.logLog(summary().where(Map.of("workers", 2)), "size").series("executor")
                .xLabel("size (elements)").build();
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertEquals("size (elements)", chart.getXAxisTitle());
        BufferedImage image = ImageIO.read(Charts.savePng(chart, dir.resolve("loglog.png")).toFile());
        assertEquals(Charts.WIDTH, image.getWidth());
    }

    @Test
    void barChartHasASeriesPerExecutorAndTheRequestedSize() throws Exception {
        CategoryChart chart = Charts.bars(summary().where(Map.of("size", 1_000)), "workers").series("executor")
                .size(640, 400).title("bars").build();
        assertEquals(List.of("thread", "process"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(List.of("workers=1", "workers=2", "workers=3"),
                List.copyOf(chart.getSeriesMap().get("thread").getXData()));
        BufferedImage image = ImageIO.read(Charts.savePng(chart, dir.resolve("bars.png")).toFile());
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
    }

    @Test
    void runChartDrawsOneLinePerSeriesFromARunsTable() throws Exception {
        Table curve = Experiment.named("first runs").param("size", 10, 20).quiet()
                .firstRuns(6, p -> Thread.sleep(1));
        XYChart chart = Charts.runs(curve).series("size").logY().build();
        assertEquals(List.of("size=10", "size=20"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(6, chart.getSeriesMap().get("size=10").getXData().length);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        BufferedImage image = Charts.image(chart);
        assertEquals(Charts.WIDTH, image.getWidth());
        assertTrue(Files.size(Charts.savePng(chart, dir.resolve("runs.png"))) > 0);
    }

    @Test
    void ambiguousSummaryIsRejectedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.line(summary(), "workers").series("executor").build());
        assertTrue(e.getMessage().contains("differ in [scenario, size]"), e.getMessage());
    }

    @Test
    void badColumnsAreRejected() {
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> Charts.line(summary(), "executor").build());
        assertTrue(text.getMessage().contains("must be numeric"), text.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Charts.bars(summary(), "threads").build());
        assertTrue(missing.getMessage().contains("no column 'threads'"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.line(summary(), "workers").size(10, 10));
    }

    @Test
    void logAxesNeedPositiveValues() {
        Table runs = Table.create("zero",
                StringColumn.create("scenario", "z", "z"), IntColumn.create("size", 0, 10),
                IntColumn.create("repetition", 1, 1), DoubleColumn.create("seconds", 1.0, 2.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.logLog(Summary.of(runs), "size").build());
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }
}
