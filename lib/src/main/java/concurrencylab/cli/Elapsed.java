package concurrencylab.cli;

import java.util.Locale;

/** The article's {@code elapsed: S.sss sec} line. */
final class Elapsed {

    private Elapsed() {
    }

    /** {@code elapsed: } seconds with {@code decimals} decimals (a dot, whatever the locale) {@code  sec}. */
    static String format(long nanos, int decimals) {
        return String.format(Locale.ROOT, "elapsed: %." + decimals + "f sec", nanos / 1e9);
    }
}
