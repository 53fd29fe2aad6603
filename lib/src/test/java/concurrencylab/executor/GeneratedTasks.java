package concurrencylab.executor;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Task classes that are not on any class path of the test: compiled while the test runs, then
 * either loaded from a new folder (a worker can be sent that folder) or defined from bytes in
 * memory (like a class of a notebook cell: no worker can ever load it).
 */
final class GeneratedTasks {
    private GeneratedTasks() {}

    private static Path compile(String simpleName) throws IOException {
        Path dir = Files.createTempDirectory("generated-task");
        Path src = dir.resolve(simpleName + ".java");
        Files.writeString(src, """
                package concurrencylab.executor.generated;
                public class %s implements java.util.concurrent.Callable<String>, java.io.Serializable {
                    public String call() { return "generated:" + getClass().getName(); }
                }
                """.formatted(simpleName));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", dir.toString(), src.toString());
        if (rc != 0) {
            throw new IOException("javac failed with " + rc);
        }
        return dir;
    }

    /** An instance of a class whose bytes exist only in this JVM's memory. */
    static Callable<?> inMemoryOnly() throws Exception {
        String name = "InMemory" + System.nanoTime();
        Path dir = compile(name);
        Path classFile = dir.resolve("concurrencylab/executor/generated/" + name + ".class");
        byte[] bytes = Files.readAllBytes(classFile);
        deleteTree(dir);
        ClassLoader loader = new ClassLoader(GeneratedTasks.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String n) throws ClassNotFoundException {
                if (n.endsWith(name)) {
                    return defineClass(n, bytes, 0, bytes.length);
                }
                throw new ClassNotFoundException(n);
            }
        };
        return (Callable<?>) loader.loadClass("concurrencylab.executor.generated." + name)
                .getDeclaredConstructor().newInstance();
    }

    /** A task of a class loaded from a new folder; {@link #delete()} removes the folder. */
    record InFolder(Callable<?> task, Path dir, URLClassLoader loader) {
        void delete() throws IOException {
            loader.close();
            deleteTree(dir);
        }
    }

    static InFolder fromNewFolder() throws Exception {
        String name = "InFolder" + System.nanoTime();
        Path dir = compile(name);
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, GeneratedTasks.class.getClassLoader());
        Callable<?> task = (Callable<?>) loader.loadClass("concurrencylab.executor.generated." + name)
                .getDeclaredConstructor().newInstance();
        return new InFolder(task, dir, loader);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
