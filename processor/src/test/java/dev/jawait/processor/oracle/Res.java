package dev.jawait.processor.oracle;

/**
 * A resource for try-with-resources templates: logs {@code open:name} when created and
 * {@code close:name} when closed, and can fail on close to exercise suppressed exceptions.
 *
 * <pre>{@code
 * try (Res a = Res.open("a"); Res b = Res.failingClose("b")) {
 *     a.use(await(Src.s("x")));
 * }   // logs close:b then close:a; b's failure is thrown (or suppressed)
 * }</pre>
 */
public final class Res implements AutoCloseable {
    private final String name;
    private final boolean failOnClose;
    private int closes;

    private Res(String name, boolean failOnClose) {
        this.name = name;
        this.failOnClose = failOnClose;
        Log.add("open:" + name);
    }

    /** Opens a resource that closes cleanly. */
    public static Res open(String name) {
        return new Res(name, false);
    }

    /** Opens a resource whose {@code close()} throws {@code IllegalStateException("close:name")}. */
    public static Res failingClose(String name) {
        return new Res(name, true);
    }

    /** Logs a use of this resource and returns {@code name:arg}. */
    public String use(Object arg) {
        return Log.add("use:" + name + ":" + arg);
    }

    /** The name given at open. */
    public String name() {
        return name;
    }

    @Override
    public void close() {
        closes++;
        Log.add("close:" + name + (closes > 1 ? "#" + closes : ""));
        if (failOnClose) {
            throw new IllegalStateException("close:" + name);
        }
    }
}
