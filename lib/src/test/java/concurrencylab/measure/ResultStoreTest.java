package concurrencylab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ResultStoreTest {

    @TempDir
    Path tmp;

    @Test
    void aSavedTableLoadsBackWithItsValues() {
        Table table = Table.create("t", StringColumn.create("executor", "thread", "process"),
                IntColumn.create("workers", 1, 2), DoubleColumn.create("median", 0.5, 0.25));
        ResultStore store = ResultStore.in(tmp.resolve("results"));
        Path file = store.save("04_pattern1", table);
        assertEquals(tmp.resolve("results/04_pattern1.csv"), file);
        Table loaded = store.load("04_pattern1").orElseThrow();
        assertEquals(2, loaded.rowCount());
        assertEquals("process", loaded.stringColumn("executor").get(1));
        assertEquals(2, loaded.intColumn("workers").getInt(1));
        assertEquals(0.25, loaded.doubleColumn("median").getDouble(1));
        assertTrue(store.load("never-saved").isEmpty());
    }

    @Test
    void savingAgainReplacesTheTable() {
        ResultStore store = ResultStore.in(tmp);
        store.save("x", Table.create("x", IntColumn.create("a", 1, 2, 3)));
        store.save("x", Table.create("x", IntColumn.create("a", new int[] {7})));
        assertEquals(1, store.load("x").orElseThrow().rowCount());
    }

    @Test
    void namesThatAreNotPlainFileNamesAreRefused() {
        ResultStore store = ResultStore.in(tmp);
        var e = assertThrows(IllegalArgumentException.class, () -> store.load("../etc/passwd"));
        assertTrue(e.getMessage().contains("'../etc/passwd'"), e.getMessage());
    }

    @Test
    void theStandardFolderIsPropertyThenEnvironmentThenTheProjectsBuildFolder() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Path notebooks = Files.createDirectories(project.resolve("notebooks/exercises"));
        assertEquals(Path.of("/p"), ResultStore.standardFolder("/p", "/e", notebooks));
        assertEquals(Path.of("/e"), ResultStore.standardFolder(null, "/e", notebooks));
        assertEquals(project.resolve("build/results"), ResultStore.standardFolder(null, null, notebooks));
        assertEquals(tmp.resolve("results"), ResultStore.standardFolder(" ", "", tmp));
    }
}
