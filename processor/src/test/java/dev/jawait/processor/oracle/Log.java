package dev.jawait.processor.oracle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The side-effect log the oracle compares: templates record what they do, in order, and the
 * harness checks that the companion's future records exactly what the blocking template did.
 * Every helper returns its argument so it can sit inside an expression.
 *
 * <pre>{@code
 * int x = Log.i("a", 1) + await(Src.i(2));   // logs "a:1" before the await
 * Log.add("after");
 * }</pre>
 *
 * <p>Thread-safe: a multi-thread runtime may resume a task on another worker. Reset by the
 * harness before every run; only one shape runs at a time.
 */
public final class Log {
    private static final List<String> ENTRIES = Collections.synchronizedList(new ArrayList<>());

    private Log() {}

    /** Records {@code entry} and returns it. */
    public static String add(String entry) {
        ENTRIES.add(entry);
        return entry;
    }

    /** Records {@code tag:value} and returns the int unchanged (no boxing in the template). */
    public static int i(String tag, int value) {
        ENTRIES.add(tag + ":" + value);
        return value;
    }

    /** Records {@code tag:value} and returns the long unchanged. */
    public static long l(String tag, long value) {
        ENTRIES.add(tag + ":" + value);
        return value;
    }

    /** Records {@code tag:value} and returns the boolean unchanged. */
    public static boolean b(String tag, boolean value) {
        ENTRIES.add(tag + ":" + value);
        return value;
    }

    /** Records {@code tag:value} and returns the value unchanged. */
    public static <T> T v(String tag, T value) {
        ENTRIES.add(tag + ":" + value);
        return value;
    }

    /** A copy of the entries recorded since the last {@link #reset()}. */
    public static List<String> snapshot() {
        synchronized (ENTRIES) {
            return new ArrayList<>(ENTRIES);
        }
    }

    /** Forgets every entry; the harness calls it before each run. */
    public static void reset() {
        ENTRIES.clear();
    }
}
