package dev.jawait.processor.oracle;

import java.io.IOException;

/**
 * Like {@link Res}, but {@code close()} declares (and optionally throws) {@link IOException}, so
 * templates exercise checked exceptions from the implicit close of try-with-resources.
 *
 * <pre>{@code
 * try (IoRes r = IoRes.failingClose("r")) {
 *     await(Src.io(1));
 * } catch (IOException e) {
 *     Log.add(e.getMessage());
 * }
 * }</pre>
 */
public final class IoRes implements AutoCloseable {
    private final String name;
    private final boolean failOnClose;

    private IoRes(String name, boolean failOnClose) {
        this.name = name;
        this.failOnClose = failOnClose;
        Log.add("open:" + name);
    }

    /** Opens a resource that closes cleanly. */
    public static IoRes open(String name) {
        return new IoRes(name, false);
    }

    /** Opens a resource whose {@code close()} throws {@code IOException("close:name")}. */
    public static IoRes failingClose(String name) {
        return new IoRes(name, true);
    }

    @Override
    public void close() throws IOException {
        Log.add("close:" + name);
        if (failOnClose) {
            throw new IOException("close:" + name);
        }
    }
}
