package dev.jawait.bench.support;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads reached by reflection, so that the bench module still compiles with
 * {@code release 17} and runs on JDK 17 (where {@link #available()} is false) as well as on 21+.
 *
 * <pre>{@code
 * if (VirtualThreads.available()) {
 *     Thread t = VirtualThreads.factory().newThread(() -> work());
 *     t.start();
 * }
 * }</pre>
 */
public final class VirtualThreads {
    private static final ThreadFactory FACTORY = lookupFactory();

    private VirtualThreads() {}

    /** Whether this JVM has virtual threads (JDK 21+). */
    public static boolean available() {
        return FACTORY != null;
    }

    /** A factory of unstarted virtual threads; fails clearly on a JDK without them. */
    public static ThreadFactory factory() {
        requireAvailable();
        return FACTORY;
    }

    /** Starts {@code task} on a new virtual thread. */
    public static Thread start(Runnable task) {
        Thread thread = factory().newThread(task);
        thread.start();
        return thread;
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}. */
    public static ExecutorService newPerTaskExecutor() {
        requireAvailable();
        try {
            Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("newVirtualThreadPerTaskExecutor unavailable", e);
        }
    }

    /** Throws with a message naming the JDK when virtual threads are missing. */
    public static void requireAvailable() {
        if (FACTORY == null) {
            throw new UnsupportedOperationException(
                    "virtual threads need JDK 21+, this is " + Runtime.version());
        }
    }

    private static ThreadFactory lookupFactory() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            // Call through the public interface: the builder's own class is not exported.
            Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
            return (ThreadFactory) factory.invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
