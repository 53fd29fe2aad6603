package concurrencylab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedMemoryTasksTest {

    @Test
    void picksFromABufferWithoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(40).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 10; i++) {
            buffer.putInt(i * 4, 100 + i);
        }
        assertEquals(107, new PickFromBufferTask(7).apply(buffer));
        assertEquals(0, buffer.position());
        var e = assertThrows(IllegalArgumentException.class, () -> new PickFromBufferTask(10).apply(buffer));
        assertTrue(e.getMessage().contains("y=10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PickFromBufferTask(-1));
    }

    @Test
    void sumsAMappedFileAndWritesTheAnswerIntoTheSameMapping(@TempDir Path dir) throws Exception {
        int count = 1000;
        Path file = dir.resolve("ints.bin").toAbsolutePath();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer mine = channel.map(FileChannel.MapMode.READ_WRITE, 0, SumMappedFileTask.fileSize(count));
            mine.order(ByteOrder.nativeOrder());
            for (int i = 0; i < count; i++) {
                mine.putInt(i * 4, i);
            }
            long expected = (long) count * (count - 1) / 2;
            assertEquals(expected, new SumMappedFileTask(file.toString(), count).call());
            assertEquals(expected, mine.getLong(count * 4), "the task's write, seen through another mapping");

            var tooShort = assertThrows(IllegalStateException.class,
                    () -> new SumMappedFileTask(file.toString(), count + 10).call());
            assertTrue(tooShort.getMessage().contains("fewer than"), tooShort.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new SumMappedFileTask("relative.bin", 1));
        assertThrows(IllegalArgumentException.class, () -> new SumMappedFileTask(file.toString(), -1));
    }
}
