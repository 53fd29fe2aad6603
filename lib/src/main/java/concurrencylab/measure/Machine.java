package concurrencylab.measure;

import java.util.Locale;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The facts about the machine and the JVM that a measurement depends on, to print beside
 * every set of results: a timing means little without the cores and the JDK it ran on.
 *
 * <pre>{@code
 * Machine machine = Machine.current();
 * machine.summary()   // "Java 21.0.5 (Eclipse Adoptium, OpenJDK 64-Bit Server VM), 8 cores, max heap 4.0 GiB, Linux 6.8 amd64, mode full"
 * machine.table()     // the same as a two-column table: fact, value
 * machine.cores()     // availableProcessors(), the cap on useful CPU-bound parallelism
 * }</pre>
 *
 * @param javaVersion  {@code java.version}, e.g. 21.0.5
 * @param javaVendor   {@code java.vendor}
 * @param vmName       {@code java.vm.name}
 * @param cores        {@link Runtime#availableProcessors()}
 * @param maxHeapBytes {@link Runtime#maxMemory()}
 * @param osName       {@code os.name}
 * @param osVersion    {@code os.version}
 * @param osArch       {@code os.arch}
 * @param mode         the measurement {@link Mode} in force
 */
public record Machine(String javaVersion, String javaVendor, String vmName, int cores, long maxHeapBytes,
                      String osName, String osVersion, String osArch, Mode mode) {

    /** The facts of the running JVM, with the mode from {@link Mode#current()}. */
    public static Machine current() {
        Runtime runtime = Runtime.getRuntime();
        return new Machine(
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("java.vm.name"),
                runtime.availableProcessors(),
                runtime.maxMemory(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                Mode.current());
    }

    /** The facts as a table with two string columns, {@code fact} and {@code value}. */
    public Table table() {
        StringColumn fact = StringColumn.create("fact");
        StringColumn value = StringColumn.create("value");
        add(fact, value, "Java version", javaVersion);
        add(fact, value, "Java vendor", javaVendor);
        add(fact, value, "JVM", vmName);
        add(fact, value, "cores (availableProcessors)", Integer.toString(cores));
        add(fact, value, "max heap", heapText());
        add(fact, value, "OS", osName + " " + osVersion);
        add(fact, value, "architecture", osArch);
        add(fact, value, "mode", modeText());
        return Table.create("machine", fact, value);
    }

    /** One line with every fact, to print above a table of results. */
    public String summary() {
        return "Java " + javaVersion + " (" + javaVendor + ", " + vmName + "), "
                + cores + (cores == 1 ? " core" : " cores") + ", max heap " + heapText() + ", "
                + osName + " " + osVersion + " " + osArch + ", mode " + modeText();
    }

    @Override
    public String toString() {
        return summary();
    }

    private String heapText() {
        if (maxHeapBytes == Long.MAX_VALUE) {
            return "unlimited";
        }
        return String.format(Locale.ROOT, "%.1f GiB", maxHeapBytes / (1024.0 * 1024 * 1024));
    }

    private String modeText() {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static void add(StringColumn fact, StringColumn value, String name, String text) {
        fact.append(name);
        value.append(text);
    }
}
