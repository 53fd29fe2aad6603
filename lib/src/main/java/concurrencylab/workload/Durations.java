package concurrencylab.workload;

import java.time.Duration;

/** The argument check shared by the workloads that wait. */
final class Durations {

    private Durations() {
    }

    static Duration checkNonNegative(Duration duration, String name) {
        if (duration == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more, got " + duration);
        }
        return duration;
    }
}
