package concurrencylab.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencylab.executor.ProcessFuture;
import concurrencylab.executor.ProcessPool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MappedIntsTest {

    @TempDir
    Path folder;

    @Test
    void writesAnArrayAndReadsItBackThroughAMapping() throws Exception {
        int[] data = {7, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 42};
        Path file = MappedInts.write(folder.resolve("a.ints"), data);
        assertEquals(data.length * 4L, Files.size(file));
        assertEquals(data.length, MappedInts.size(file));
        IntBuffer ints = MappedInts.map(file);
        int[] back = new int[ints.limit()];
        ints.get(back);
        assertArrayEquals(data, back);
        assertEquals(42, MappedInts.pick(file, 5));
        assertEquals(Integer.MIN_VALUE, MappedInts.pick(file, 3));
    }

    @Test
    void writesARangeSpanningSeveralChunksLikePickingRange() throws Exception {
        int size = MappedInts.CHUNK_BYTES / 4 * 2 + 3; // two full chunks and a partial one
        Path file = MappedInts.writeRange(folder.resolve("r.ints"), size);
        assertEquals(size, MappedInts.size(file));
        IntBuffer ints = MappedInts.map(file);
        int[] back = new int[size];
        ints.get(back);
        assertArrayEquals(Picking.range(size), back);
        assertEquals(size - 1, MappedInts.pick(file, size - 1));
    }

    @Test
    void storesLittleEndianIntsWithoutAHeader() throws Exception {
        Path file = MappedInts.write(folder.resolve("le.ints"), new int[] {0x01020304});
        assertArrayEquals(new byte[] {4, 3, 2, 1}, Files.readAllBytes(file));
    }

    @Test
    void replacesAnExistingFileAndHandlesEmptyData() throws Exception {
        Path file = folder.resolve("x.ints");
        MappedInts.writeRange(file, 100);
        MappedInts.writeRange(file, 3);
        assertEquals(3, MappedInts.size(file));
        MappedInts.write(file, new int[0]);
        assertEquals(0, MappedInts.size(file));
        assertThrows(IllegalArgumentException.class, () -> MappedInts.pick(file, 0));
    }

    @Test
    void refusesBadInputWithTheValueInTheMessage() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> MappedInts.writeRange(folder.resolve("n"), -3));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
        assertFalse(Files.exists(folder.resolve("n")));
        assertThrows(IllegalArgumentException.class, () -> MappedInts.write(folder.resolve("n"), null));
        assertThrows(IllegalArgumentException.class, () -> MappedInts.write(null, new int[1]));

        Path file = MappedInts.writeRange(folder.resolve("ten.ints"), 10);
        e = assertThrows(IllegalArgumentException.class, () -> MappedInts.pick(file, 10));
        assertTrue(e.getMessage().contains("y=10") && e.getMessage().contains("x=10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MappedInts.pick(file, -1));

        Path odd = Files.write(folder.resolve("odd"), new byte[] {1, 2, 3});
        e = assertThrows(IllegalArgumentException.class, () -> MappedInts.map(odd));
        assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> MappedInts.pick(folder.resolve("missing"), 0));
    }

    @Test
    void anInterruptedWriteThrowsAndLeavesNoFile() {
        Path file = folder.resolve("big.ints");
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> MappedInts.writeRange(file, 10_000_000));
        } finally {
            Thread.interrupted();
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void theTaskChecksItsFileInTheCallerAndSurvivesSerialization() throws Exception {
        Path file = MappedInts.writeRange(folder.resolve("t.ints"), 40);
        PickMappedTask task = new PickMappedTask(file, 30);
        assertEquals(file.toAbsolutePath().toString(), task.file());
        assertEquals(file.toAbsolutePath(), task.path());
        assertEquals(30, task.call());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        assertTrue(bytes.size() < 1_000, "the task carries a name, not the data: " + bytes.size() + " bytes");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(task, in.readObject());
        }

        var e = assertThrows(IllegalArgumentException.class, () -> new PickMappedTask(file, 40));
        assertTrue(e.getMessage().contains("y=40"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PickMappedTask(folder.resolve("none"), 0));
        assertTrue(e.getMessage().contains("none"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PickMappedTask("  ", 0));
        assertThrows(IllegalArgumentException.class, () -> new PickMappedTask(file.toString(), -1));
        assertThrows(IllegalArgumentException.class, () -> new PickMappedTask((Path) null, 0));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aWorkerJvmPicksFromTheFileWhileOnlyItsNameTravels() throws Exception {
        int size = 1_000_000; // 4 MB of ints: sent as data it would be a 4 MB frame
        Path file = MappedInts.writeRange(folder.resolve("shared.ints"), size);
        try (ProcessPool pool = ProcessPool.newPool(1)) {
            ProcessFuture<Integer> mapped = pool.submit(new PickMappedTask(file, 765_432));
            assertEquals(765_432, mapped.get(60, TimeUnit.SECONDS));
            assertTrue(mapped.bytesSent() < 4_000, mapped.bytesSent() + " bytes sent");

            ProcessFuture<Integer> sent = pool.submit(new PickTask(Picking.range(size), 765_432));
            assertEquals(765_432, sent.get(60, TimeUnit.SECONDS));
            assertTrue(sent.bytesSent() > 4L * size, sent.bytesSent() + " bytes sent");
        }
    }
}
