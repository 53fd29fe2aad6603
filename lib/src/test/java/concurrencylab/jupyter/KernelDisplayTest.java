package concurrencylab.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Renders through JJava's own {@link Renderer}, as the kernel does for a cell's last expression. */
class KernelDisplayTest {

    private final Renderer renderer = new Renderer();

    KernelDisplayTest() {
        KernelDisplay.registerOn(renderer);
    }

    @Test
    void aTableRendersAsAnHtmlTableWithItsNameColumnsAndEscapedCells() {
        Table table = Table.create("summary <median>",
                StringColumn.create("executor", "thread", "process & pool"),
                IntColumn.create("workers", 1, 2),
                DoubleColumn.create("seconds", 0.5, 0.25));

        DisplayData data = renderer.render(table);

        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertNotNull(html, "no text/html in " + data.getData(MIMEType.TEXT_PLAIN));
        assertTrue(html.startsWith("<table>"), html);
        assertTrue(html.contains("<caption>summary &lt;median&gt;</caption>"), html);
        assertTrue(html.contains("<th>executor</th><th>workers</th><th>seconds</th>"), html);
        assertTrue(html.contains("<td>process &amp; pool</td><td>2</td><td>0.25</td>"), html);
        assertEquals(3, html.split("<tr>", -1).length - 1, html); // header and two rows
    }

    @Test
    void aLongTableShowsItsFirstRowsAndSaysHowManyAreLeftOut() {
        int[] values = new int[HtmlTable.MAX_ROWS + 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Table table = Table.create("runs", IntColumn.create("repetition", values));

        String html = (String) renderer.render(table).getData(MIMEType.TEXT_HTML);

        assertTrue(html.contains("<td>" + (HtmlTable.HEAD_ROWS - 1) + "</td>"), html);
        assertFalse(html.contains("<td>" + HtmlTable.HEAD_ROWS + "</td>"), html);
        int left = values.length - HtmlTable.HEAD_ROWS;
        assertTrue(html.contains("… " + left + " more rows (" + values.length + " in all)"), html);
    }

    @Test
    void aChartRendersAsAPngImageOfItsSize() throws IOException {
        XYChart chart = new XYChartBuilder().width(320).height(200).title("speed-up").build();
        chart.addSeries("threads", new double[] {1, 2, 4}, new double[] {1, 1.9, 3.5});

        DisplayData data = renderer.render(chart);

        Object png = data.getData(MIMEType.IMAGE_PNG);
        assertNotNull(png, "no image/png rendered");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) png)));
        assertNotNull(image, "the image/png data is not a PNG");
        assertEquals(320, image.getWidth());
        assertEquals(200, image.getHeight());
    }

    @Test
    void theLibraryDeclaresTheExtensionForJJavasServiceLoader() throws IOException {
        String service = "META-INF/services/" + Extension.class.getName();
        try (InputStream in = KernelDisplay.class.getClassLoader().getResourceAsStream(service)) {
            assertNotNull(in, service + " is missing");
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().lines().toList();
            assertEquals(List.of(KernelDisplay.class.getName()), lines);
        }
        List<Class<?>> loaded = ServiceLoader.load(Extension.class).stream()
                .map(ServiceLoader.Provider::type).<Class<?>>map(t -> t).toList();
        assertTrue(loaded.contains(KernelDisplay.class), "ServiceLoader found " + loaded);
    }

    /**
     * The runner and IJava load the library without JJava's classes: only this package may refer
     * to them, and nothing outside it may refer to this package.
     */
    @Test
    void onlyTheExtensionPackageNeedsJJava() throws IOException, URISyntaxException {
        Path classes = Path.of(KernelDisplay.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes.resolve("concurrencylab")), "not a classes folder: " + classes);
        List<String> offenders;
        try (Stream<Path> files = Files.walk(classes)) {
            offenders = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !classes.relativize(f).toString().replace('\\', '/').startsWith("concurrencylab/jupyter/"))
                    .filter(KernelDisplayTest::mentionsJJavaOrTheExtension)
                    .map(f -> classes.relativize(f).toString())
                    .toList();
        }
        assertEquals(List.of(), offenders);
    }

    private static boolean mentionsJJavaOrTheExtension(Path classFile) {
        try {
            // Class names sit in the constant pool as UTF-8 text, e.g. org/dflib/jjava/...
            String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            return bytes.contains("org/dflib/jjava") || bytes.contains("concurrencylab/jupyter");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
