package dev.jawait.internal;

/**
 * The {@code TaskLocal} values of the code running on a thread: an immutable chain of bindings,
 * innermost first, installed for the length of one poll by {@code TaskLocal.scope} futures and by
 * the runtime for a task that inherited bindings when it was spawned. Not meant to be used by
 * hand.
 *
 * <pre>{@code
 * Slot slot = TaskLocalBindings.slot();
 * Binding outer = slot.top;
 * slot.top = TaskLocalBindings.bind(key, value, outer);   // for one poll
 * try { return body.poll(cx); } finally { slot.top = outer; }
 * }</pre>
 */
public final class TaskLocalBindings {
    /** What {@link #lookup} returns for a key with no binding (a binding's value may be null). */
    public static final Object UNBOUND = new Object();

    /** One value of one key; {@code outer} is the chain it shadows. */
    public static final class Binding {
        final Object key;
        final Object value;
        final Binding outer;

        Binding(Object key, Object value, Binding outer) {
            this.key = key;
            this.value = value;
            this.outer = outer;
        }

        /**
         * The chain this binding shadows.
         *
         * @return the outer chain, or {@code null} at the bottom
         */
        public Binding outer() {
            return outer;
        }
    }

    /** A thread's current chain; one mutable holder per thread, so a poll does one lookup. */
    public static final class Slot {
        /** The innermost binding on this thread, or null. */
        public Binding top;

        Slot() {}
    }

    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

    /**
     * Whether any binding was ever installed in this JVM. A spawn reads it to skip the
     * thread-local lookup entirely while task-locals are unused. Plain on purpose: the thread
     * that installed a binding sees its own write, and a thread that does not see it yet has no
     * binding of its own to pass on.
     */
    private static boolean used;

    private TaskLocalBindings() {}

    /**
     * The calling thread's slot.
     *
     * @return the slot holding this thread's chain
     */
    public static Slot slot() {
        return SLOT.get();
    }

    /**
     * Installs {@code top} as the calling thread's chain and returns the chain it replaced.
     *
     * @param slot the calling thread's slot, from {@link #slot()}
     * @param top the chain to install, or {@code null}
     * @return the chain that was installed before, to put back afterwards
     */
    public static Binding install(Slot slot, Binding top) {
        Binding previous = slot.top;
        if (top != null && !used) {
            used = true; // once: a store per poll would bounce the line between workers
        }
        slot.top = top;
        return previous;
    }

    /**
     * A new innermost binding over {@code outer}.
     *
     * @param key the task-local
     * @param value its value in the new binding
     * @param outer the chain the binding shadows, or {@code null}
     * @return the new chain
     */
    public static Binding bind(Object key, Object value, Binding outer) {
        return new Binding(key, value, outer);
    }

    /**
     * The calling thread's chain, for a task spawned now to inherit, or null. Costs a static
     * read while no task-local was ever bound.
     *
     * @return the chain, or {@code null}
     */
    public static Binding inherited() {
        return used ? SLOT.get().top : null;
    }

    /**
     * The innermost value of {@code key} in {@code chain}, or {@link #UNBOUND}.
     *
     * @param chain the chain to search, or {@code null}
     * @param key the task-local
     * @return its value, or {@link #UNBOUND}
     */
    public static Object lookup(Binding chain, Object key) {
        for (Binding b = chain; b != null; b = b.outer) {
            if (b.key == key) {
                return b.value;
            }
        }
        return UNBOUND;
    }

    /**
     * The innermost value of {@code key} on the calling thread, or {@link #UNBOUND}.
     *
     * @param key the task-local
     * @return its value, or {@link #UNBOUND}
     */
    public static Object lookup(Object key) {
        return used ? lookup(SLOT.get().top, key) : UNBOUND;
    }
}
