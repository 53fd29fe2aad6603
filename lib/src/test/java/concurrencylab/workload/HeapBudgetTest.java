package concurrencylab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HeapBudgetTest {

    @Test
    void humanBytesUsesBinaryUnits() {
        assertEquals("0 bytes", HeapBudget.humanBytes(0));
        assertEquals("1 byte", HeapBudget.humanBytes(1));
        assertEquals("1023 bytes", HeapBudget.humanBytes(1023));
        assertEquals("1.0 KiB", HeapBudget.humanBytes(1024));
        assertEquals("1.5 KiB", HeapBudget.humanBytes(1536));
        assertEquals("6.0 GiB", HeapBudget.humanBytes(6L << 30));
        assertEquals("10 MiB", HeapBudget.humanBytes((long) (9.97 * (1 << 20))));
        assertEquals("128 GiB", HeapBudget.humanBytes(128L << 30));
        assertEquals("1,024 GiB", HeapBudget.humanBytes((1L << 40) - 1));
        assertEquals("8.0 EiB", HeapBudget.humanBytes(Long.MAX_VALUE));
    }

    @Test
    void refusesNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> HeapBudget.humanBytes(-1));
    }
}
