package concurrencylab.executor;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The class loader of one isolate: child-first over the library's own location and the
 * locations of the tasks sent to it, so that the isolate defines its own copy of every class it
 * finds there (with its own static fields) instead of sharing the caller's. Classes it does not
 * find there, and every {@code java.*} class, come from the parent, so JDK types such as
 * {@link java.util.concurrent.Callable} and {@link java.nio.ByteBuffer} are the same in every
 * isolate and in the caller. Thread-safe (parallel capable).
 */
final class IsolateClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    IsolateClassLoader(String name, Collection<Path> locations, ClassLoader parent) {
        super(name, new URL[0], parent);
        for (Path p : locations) {
            add(p);
        }
    }

    /** Adds a jar or class folder; classes loaded before keep coming from where they came from. */
    void add(Path location) {
        try {
            addURL(location.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a usable class path entry: " + location, e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && !name.startsWith("java.")) {
                try {
                    c = findClass(name); // child first: the isolate's own copy
                } catch (ClassNotFoundException notHere) {
                    // not in the isolate's locations: the parent's (shared) class
                }
            }
            if (c == null) {
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
