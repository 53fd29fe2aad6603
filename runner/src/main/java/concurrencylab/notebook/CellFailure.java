package concurrencylab.notebook;

/** A cell failed: it carries the {@code error} output that records why. */
final class CellFailure extends Exception {
    private final CellError error;

    CellFailure(CellError error) {
        super(error.summary(), null, false, false);
        this.error = error;
    }

    CellError error() {
        return error;
    }
}
