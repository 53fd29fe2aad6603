package concurrencylab.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PickingTest {

    @Test
    void buildsZeroToSizeMinusOne() throws InterruptedException {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, Picking.range(5));
        assertEquals(List.of(0, 1, 2, 3, 4), Picking.boxedRange(5));
        assertEquals(0, Picking.range(0).length);
        assertTrue(Picking.boxedRange(0).isEmpty());
        assertTrue(Picking.boxedRange(3) instanceof ArrayList);
    }

    @Test
    void picksTheElementAtY() throws InterruptedException {
        assertEquals(30, Picking.pick(Picking.range(100), 30));
        assertEquals(30, Picking.pick(Picking.boxedRange(100), 30));
        assertEquals(99, Picking.pick(Picking.range(100), 99));
        assertEquals(30, new PickTask(Picking.range(31), 30).call());
        assertEquals(30, new PickBoxedTask(Picking.boxedRange(31), 30).call());
    }

    @Test
    void refusesAnIndexOutsideTheData() {
        var e = assertThrows(IllegalArgumentException.class, () -> Picking.pick(new int[2], 30));
        assertTrue(e.getMessage().contains("y=30") && e.getMessage().contains("x=2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Picking.pick(List.of(1, 2), -1));
        assertThrows(IllegalArgumentException.class, () -> new PickTask(new int[2], 2));
        assertThrows(IllegalArgumentException.class, () -> new PickBoxedTask(List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new PickTask(null, 0));
    }

    @Test
    void refusesNegativeSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Picking.range(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Picking.boxedRange(-5));
    }

    @Test
    void refusesSizesBeyondTheHeapSayingHowMuch() {
        // A boxed list of 2 billion elements needs about 37 GiB; a test JVM has less.
        int size = 2_000_000_000;
        long needed = Picking.boxedListBytes(size);
        org.junit.jupiter.api.Assumptions.assumeTrue(needed > HeapBudget.maxHeapBytes());
        var e = assertThrows(IllegalArgumentException.class, () -> Picking.boxedRange(size));
        assertTrue(e.getMessage().contains("2,000,000,000 elements"), e.getMessage());
        assertTrue(e.getMessage().contains(HeapBudget.humanBytes(needed)), e.getMessage());
        assertTrue(e.getMessage().contains("maximum heap is " + HeapBudget.humanBytes(HeapBudget.maxHeapBytes())),
                e.getMessage());
    }

    @Test
    void buildingStopsWhenInterrupted() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Picking.range(10));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Picking.boxedRange(10));
    }

    @Test
    void tasksSurviveSerialization() throws Exception {
        PickTask copy = roundTrip(new PickTask(Picking.range(40), 30));
        assertEquals(30, copy.call());
        PickBoxedTask boxedCopy = roundTrip(new PickBoxedTask(Picking.boxedRange(40), 31));
        assertEquals(31, boxedCopy.call());
        SquaringRatioTask ratio = roundTrip(new SquaringRatioTask(2, 5));
        assertEquals(java.math.BigInteger.ONE, ratio.call());
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
