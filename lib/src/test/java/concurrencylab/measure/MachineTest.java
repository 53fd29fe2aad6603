package concurrencylab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class MachineTest {

    @Test
    void describesTheRunningJvm() {
        Machine machine = Machine.current();
        assertEquals(Runtime.getRuntime().availableProcessors(), machine.cores());
        assertEquals(System.getProperty("java.version"), machine.javaVersion());
        assertEquals(Runtime.getRuntime().maxMemory(), machine.maxHeapBytes());
    }

    @Test
    void tableHasOneFactPerRow() {
        Machine machine = new Machine("21.0.5", "Vendor", "Some VM", 8, 4L << 30, "Linux", "6.8", "amd64", Mode.QUICK);
        Table table = machine.table();
        assertEquals(java.util.List.of("fact", "value"), table.columnNames());
        assertEquals(8, table.rowCount());
        assertTrue(table.stringColumn("value").contains("4.0 GiB"));
        assertTrue(table.stringColumn("value").contains("quick"));
    }

    @Test
    void summaryIsOneLineWithTheFacts() {
        Machine machine = new Machine("21.0.5", "Vendor", "Some VM", 8, 4L << 30, "Linux", "6.8", "amd64", Mode.FULL);
        assertEquals("Java 21.0.5 (Vendor, Some VM), 8 cores, max heap 4.0 GiB, Linux 6.8 amd64, mode full",
                machine.summary());
    }
}
