package concurrencylab.notebook.runtime;

import java.util.Objects;
import java.util.UUID;

/**
 * The functions a notebook cell can call without an import, as in the JJava kernel:
 * {@code display(x)} shows {@code x} as a {@code display_data} output now (a chart drawn with
 * {@code BitmapEncoder.getBufferedImage(chart)} shows as a PNG), {@code render(x)} only builds
 * the representations, and {@code printf} prints to standard output.
 *
 * <pre>{@code
 * display(image);            // an image output in the middle of a cell
 * render(image)              // as the last expression: the cell's result
 * }</pre>
 *
 * <p>The runner installs itself as the {@link Session} before the first cell; calling these
 * functions outside a running notebook fails with an {@link IllegalStateException}.
 * Only the forms JJava also has are offered, so a notebook that uses them runs in both.
 */
public final class Display {

    /** What a running notebook provides to the functions above. */
    public interface Session {
        /** Renders a value: {@code text/plain} from {@code String.valueOf}, plus richer types. */
        DisplayData render(Object value);

        /** Adds a {@code display_data} output to the running cell. */
        void display(DisplayData data);
    }

    /** Set once per JVM by the runner before the first cell; read by cell threads. */
    private static volatile Session session;

    private Display() {
    }

    /** Installs the session of the notebook this JVM executes. */
    public static void install(Session current) {
        session = Objects.requireNonNull(current, "session");
    }

    private static Session session() {
        Session current = session;
        if (current == null) {
            throw new IllegalStateException("no notebook is running in this JVM: display/render work only inside a notebook cell");
        }
        return current;
    }

    /**
     * Shows {@code value} as a {@code display_data} output of the running cell and returns its
     * display id, as JJava's {@code display(Object)} does.
     *
     * @throws NullPointerException if {@code value} is null (JJava cannot render null either)
     */
    public static String display(Object value) {
        DisplayData data = render(value);
        session().display(data);
        return UUID.randomUUID().toString();
    }

    /**
     * Renders {@code value} without showing it: {@code text/plain} from {@code String.valueOf},
     * {@code image/png} for a {@link java.awt.image.RenderedImage}.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public static DisplayData render(Object value) {
        Objects.requireNonNull(value, "display/render of null: there is nothing to show");
        if (value instanceof DisplayData data) {
            return data;
        }
        return session().render(value);
    }

    /** {@code System.out.printf}, as JJava's notebook {@code printf}. */
    public static void printf(String format, Object... args) {
        System.out.printf(format, args);
    }
}
