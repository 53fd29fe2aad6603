package concurrencylab.executor;

/**
 * A worker JVM could not load a class the task needs: the task's own class, a class of one of
 * its fields, or a lambda's capturing class. Worker JVMs load classes from their class path
 * only; a class defined in a notebook cell or a JShell snippet, or generated at run time, lives
 * in the caller's JVM alone (Python's spawned workers have the same rule for functions defined
 * in {@code __main__}). Put such a task in a compiled jar or class folder and add it to the
 * caller's class path (e.g. {@code %classpath}) or to {@link ProcessPool.Builder#classPath}.
 */
public final class TaskNotLoadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String className;

    TaskNotLoadableException(String className, String workerName, String workerClassPath, Throwable cause) {
        super("class " + className + " cannot be loaded in " + workerName
                + ": tasks, and every class they carry, must be on the worker JVM's class path."
                + " A class defined in a notebook cell or JShell snippet, or generated at run time, exists only in the"
                + " caller's JVM; compile it into a jar or class folder and add it to the class path"
                + " (%classpath in a notebook, or ProcessPool.builder().classPath(...)). Worker class path: "
                + workerClassPath, cause);
        this.className = className;
    }

    /** The class the worker could not load. */
    public String className() {
        return className;
    }
}
