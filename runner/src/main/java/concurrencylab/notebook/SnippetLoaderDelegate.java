package concurrencylab.notebook;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes JShell compiles from cells, and the jars and folders that {@code %classpath}
 * adds, in one class loader whose parent sees the JDK and the notebook functions
 * ({@code concurrencylab.notebook.runtime}) but nothing else of the runner. So a notebook reaches
 * a library only through its own {@code %classpath} line, as in a kernel, and cannot lean on the
 * runner's own dependencies.
 *
 * <p>Thread-safe: the maps are concurrent; the class loader is parallel-capable by inheritance.
 */
final class SnippetLoaderDelegate implements LoaderDelegate {
    private static final String RUNTIME_PACKAGE = "concurrencylab.notebook.runtime.";

    /** Class name -> bytecode of every class JShell has installed. */
    private final Map<String, byte[]> bytecodes = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();
    private final SnippetClassLoader loader;

    SnippetLoaderDelegate() {
        this.loader = new SnippetClassLoader(new RuntimeApiOnly(SnippetLoaderDelegate.class.getClassLoader()));
    }

    /** The loader of cell classes; the cell thread's context class loader, as in JJava. */
    ClassLoader classLoader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        for (int i = 0; i < classes.length; i++) {
            bytecodes.put(classes[i].name(), classes[i].bytecodes());
        }
        for (int i = 0; i < classes.length; i++) {
            try {
                loaded.put(classes[i].name(), loader.loadClass(classes[i].name()));
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("cannot load class " + classes[i].name() + ": " + e, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            bytecodes.put(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                loader.addURL(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InternalException("cannot add to the class path: " + entry + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> klass = loaded.get(name);
        return klass != null ? klass : loader.loadClass(name);
    }

    private final class SnippetClassLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        SnippetClassLoader(ClassLoader parent) {
            super(null, new URL[0], parent);   // unnamed: stack traces read REPL.$JShell$12.do_it$ as in the kernel
        }

        @Override
        protected void addURL(URL url) {
            super.addURL(url);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] code = bytecodes.get(name);
            if (code == null) {
                return super.findClass(name);
            }
            return defineClass(name, code, 0, code.length);
        }
    }

    /** The JDK's platform classes plus the notebook functions, nothing more. */
    private static final class RuntimeApiOnly extends ClassLoader {
        private final ClassLoader runner;

        RuntimeApiOnly(ClassLoader runner) {
            super("notebook-runtime", ClassLoader.getPlatformClassLoader());
            this.runner = runner;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith(RUNTIME_PACKAGE)) {
                return runner.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }
    }
}
