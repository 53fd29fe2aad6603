package concurrencylab.executor;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The class loader a worker resolves task classes with: the worker's class path (its parent,
 * the system class loader) plus entries the pool sends later, when a task's class comes from a
 * jar or folder the worker JVM was not started with. Thread-safe (parallel capable).
 */
final class WorkerClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    WorkerClassLoader(ClassLoader parent) {
        super("concurrency-lab-tasks", new URL[0], parent);
    }

    void addEntry(String path) throws MalformedURLException {
        addURL(Path.of(path).toUri().toURL());
    }
}
