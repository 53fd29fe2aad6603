package concurrencylab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import concurrencylab.workload.VisibilityProbe.Access;
import concurrencylab.workload.VisibilityProbe.Result;
import org.junit.jupiter.api.Test;

class VisibilityProbeTest {

    // A generous deadline: a reader that must see the write sees it long before, even on a loaded machine.
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void aReaderWithAHappensBeforeEdgeSeesTheWrite() throws InterruptedException {
        for (Access access : new Access[] {Access.VOLATILE, Access.LOCKED}) {
            Result r = VisibilityProbe.race(access, Duration.ofMillis(50), DEADLINE);
            assertTrue(r.seen(), () -> access + " reader did not see the write: " + r);
            assertTrue(r.spins() < r.spinBudget(), r::toString);
            assertTrue(r.secondsToNotice() >= 0, r::toString);
            assertEquals(access, r.access());
        }
    }

    @Test
    void aPlainReaderEitherSeesTheWriteOrRunsOutOfSpins() throws InterruptedException {
        // Either outcome is allowed by the memory model; the result must describe it consistently.
        Result r = VisibilityProbe.race(Access.PLAIN, Duration.ofMillis(20), Duration.ofMillis(200));
        if (r.seen()) {
            assertTrue(r.spins() < r.spinBudget(), r::toString);
            assertFalse(Double.isNaN(r.secondsToNotice()), r::toString);
        } else {
            assertEquals(r.spinBudget(), r.spins(), r::toString);
            assertTrue(Double.isNaN(r.secondsToNotice()), r::toString);
        }
    }

    @Test
    void anImmediateWriteIsSeenThroughAnEdge() throws InterruptedException {
        for (Access access : new Access[] {Access.VOLATILE, Access.LOCKED}) {
            assertTrue(VisibilityProbe.race(access, Duration.ZERO, DEADLINE).seen(), access::toString);
        }
    }

    @Test
    void nanosPerSpinIsPositive() {
        for (Access access : Access.values()) {
            assertTrue(VisibilityProbe.nanosPerSpin(access, 1000) > 0, access::toString);
        }
    }

    @Test
    void badArgumentsAreRefusedWithTheirValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> VisibilityProbe.race(Access.PLAIN, Duration.ofMillis(-1), DEADLINE));
        assertTrue(e.getMessage().contains("writeAfter"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VisibilityProbe.race(Access.PLAIN, Duration.ZERO, Duration.ofMinutes(2)));
        assertTrue(e.getMessage().contains("PT2M"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VisibilityProbe.nanosPerSpin(Access.PLAIN, 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VisibilityProbe.race(null, Duration.ZERO, DEADLINE));
        assertTrue(e.getMessage().contains("PLAIN, VOLATILE, LOCKED"), e.getMessage());
    }
}
