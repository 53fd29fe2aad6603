package concurrencylab.measure;

import java.util.Map;

/**
 * A body of an {@link Experiment} failed. The message names the experiment, the grid point
 * and the run; the cause is what the body threw.
 */
public final class MeasurementException extends RuntimeException {

    private final transient Map<String, Object> point;

    MeasurementException(String message, Map<String, Object> point, Throwable cause) {
        super(message, cause);
        this.point = Map.copyOf(point);
    }

    /** The grid point whose run failed: parameter name to value. */
    public Map<String, Object> point() {
        return point;
    }
}
