package concurrencylab.measure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How big the measurements are: {@link #QUICK} (seconds, for tests and CI) or {@link #FULL}
 * (the article's parameters, or the largest that fits a laptop in minutes).
 *
 * <p>One switch chooses for every notebook and program: the system property
 * {@value #PROPERTY} if set, else the environment variable {@value #ENVIRONMENT_VARIABLE},
 * else {@code FULL}. Values are case-insensitive. A notebook picks its sizes with
 * {@link #pick}:
 *
 * <pre>{@code
 * int n = Mode.current().pick(3, 30);            // quick: 3, full: 30
 * List<Integer> sizes = Mode.current().pick(List.of(1_000, 10_000), List.of(1_000, 1_000_000));
 * }</pre>
 */
public enum Mode {
    /** Small sizes: the whole tutorial runs in seconds. */
    QUICK,
    /** The article's sizes (or the largest that fits a laptop in minutes). */
    FULL;

    /** The system property that selects the mode; it wins over the environment variable. */
    public static final String PROPERTY = "concurrency.lab.mode";
    /** The environment variable that selects the mode when the property is not set. */
    public static final String ENVIRONMENT_VARIABLE = "CONCURRENCY_LAB_MODE";

    /**
     * The mode chosen by the system property, else the environment variable, else {@code FULL}.
     *
     * @throws IllegalArgumentException if the chosen value is neither quick nor full
     */
    public static Mode current() {
        return resolve(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT_VARIABLE));
    }

    /** Resolves a mode from a property value and an environment value, either of them null. */
    static Mode resolve(String property, String environment) {
        if (property != null && !property.isBlank()) {
            return parse(property, "system property " + PROPERTY);
        }
        if (environment != null && !environment.isBlank()) {
            return parse(environment, "environment variable " + ENVIRONMENT_VARIABLE);
        }
        return FULL;
    }

    /**
     * The mode named by {@code value}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static Mode parse(String value) {
        return parse(value, "mode");
    }

    private static Mode parse(String value, String source) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (Mode mode : values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("bad " + source + " value '" + value + "': allowed values are "
                + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")) + " (case-insensitive)");
    }

    /** {@code quick} in {@code QUICK} mode, {@code full} in {@code FULL} mode. */
    public <T> T pick(T quick, T full) {
        return this == QUICK ? quick : full;
    }

    /** True in {@code QUICK} mode. */
    public boolean isQuick() {
        return this == QUICK;
    }
}
