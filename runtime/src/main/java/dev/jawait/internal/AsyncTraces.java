package dev.jawait.internal;

import dev.jawait.Future;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Async stack traces: when a failure leaves a generated state machine, a synthetic frame for
 * the template source ({@code demo.Echo.handle(Echo.java:42)}) is added to the exception, so
 * the awaiting code, a {@code JoinHandle} or a failure handler sees the chain of awaiting
 * {@code @Async} methods, innermost first.
 *
 * <p>Placement: the template frames go at the FRONT of the trace, before the physical frames
 * (which still start at the real throw site, unchanged). Read the trace as "async call stack
 * first, then the thread's stack of the poll that failed". A later machine's frame goes right
 * after the template frames already there, so the order is innermost (the throwing template)
 * first, then each awaiter. Template frames carry the module name {@value #MODULE}, so they
 * print as {@code at async/demo.Echo.handle(Echo.java:42)}.
 *
 * <p>Each machine adds its frame once: {@link StateMachine#fail} is the single exit of a
 * failure (the generated catch-all calls it, and it moves the machine to done), so a failure
 * that a template catches and swallows gets no frame from it; one it rethrows gets the frame of
 * the await where the machine was when the failure left it. The line is that of the machine's
 * current suspension state ({@code where(state)}): for a failure thrown after an await, the
 * await it resumed from. Nothing is done on the success path; turn it off with
 * {@code -Djawait.asyncStackTraces=false}.
 *
 * <pre>{@code
 * java.lang.IllegalStateException: boom
 *     at async/demo.C.c(C.java:9)        // c threw after its await on line 9
 *     at async/demo.B.b(B.java:7)        // b was awaiting c on line 7
 *     at async/demo.A.a(A.java:5)        // a was awaiting b on line 5
 *     at demo.C_c_StateMachine.step(C_c_StateMachine.java:40)
 *     ...
 * }</pre>
 */
public final class AsyncTraces {
    /** The module name that marks a template frame. */
    public static final String MODULE = "async";
    /** Whether failures get template frames ({@code -Djawait.asyncStackTraces=false} turns off). */
    public static final boolean ENABLED =
            !"false".equalsIgnoreCase(System.getProperty("jawait.asyncStackTraces", "true"));
    /** Bound on template frames, for a shared exception rethrown to many awaiters. */
    static final int MAX_FRAMES = 1024;

    private AsyncTraces() {}

    /** Called by {@link StateMachine#fail} before it ends the machine. */
    static void failed(Throwable failure, StateMachine<?> machine) {
        if (!ENABLED || failure == null || machine.state == StateMachine.DONE) {
            return; // disabled, or already ended (a second fail of the same machine)
        }
        try {
            StackTraceElement frame = cachedFrame(machine);
            synchronized (failure) { // two awaiters of one shared failure must not lose frames
                StackTraceElement[] trace = failure.getStackTrace();
                int prefix = 0;
                while (prefix < trace.length && isTemplateFrame(trace[prefix])) {
                    prefix++;
                }
                if (prefix >= MAX_FRAMES) {
                    return;
                }
                StackTraceElement[] next = new StackTraceElement[trace.length + 1];
                System.arraycopy(trace, 0, next, 0, prefix);
                next[prefix] = frame;
                System.arraycopy(trace, prefix, next, prefix + 1, trace.length - prefix);
                failure.setStackTrace(next);
            }
        } catch (RuntimeException diagnosticsBug) {
            // A broken where()/name() must never replace the user's failure.
        }
    }

    /**
     * Whether {@code e} is a template frame this class added.
     *
     * @param e a frame of a stack trace
     * @return {@code true} for a frame naming a template's source line
     */
    public static boolean isTemplateFrame(StackTraceElement e) {
        return MODULE.equals(e.getModuleName()) && e.getModuleVersion() == null
                && e.getClassLoaderName() == null;
    }

    /**
     * Template frames are immutable and few (one per await of a template), so each is built once
     * per machine class and state: a failure then costs the trace copy, not string building.
     */
    private static final ClassValue<ConcurrentHashMap<Integer, StackTraceElement>> FRAMES =
            new ClassValue<>() {
                @Override
                protected ConcurrentHashMap<Integer, StackTraceElement> computeValue(Class<?> type) {
                    return new ConcurrentHashMap<>();
                }
            };

    /** {@link #frame} of the machine's current state, from the per-class cache. */
    static StackTraceElement cachedFrame(StateMachine<?> machine) {
        ConcurrentHashMap<Integer, StackTraceElement> frames = FRAMES.get(machine.getClass());
        StackTraceElement frame = frames.get(machine.state);
        if (frame == null) {
            frame = frame(machine);
            frames.putIfAbsent(machine.state, frame);
        }
        return frame;
    }

    /** The template frame of a machine at its current state. */
    static StackTraceElement frame(StateMachine<?> machine) {
        String name = machine.name();                     // "Outer.Inner.method"
        int dot = name.lastIndexOf('.');
        String method = dot < 0 ? name : name.substring(dot + 1);
        String simpleClass = dot < 0 ? "" : name.substring(0, dot);
        String pkg = machine.getClass().getPackageName();
        String className = (pkg.isEmpty() ? "" : pkg + ".") + simpleClass.replace('.', '$');
        String where = machine.where(machine.state);      // "Echo.java:42", or "state 7"
        String file = null;
        int line = -1;
        int colon = where.lastIndexOf(':');
        if (colon > 0 && where.substring(0, colon).endsWith(".java")) {
            file = where.substring(0, colon);
            try {
                line = Integer.parseInt(where.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                line = -1;
            }
        } else if (!simpleClass.isEmpty()) {
            int outer = simpleClass.indexOf('.');
            file = (outer < 0 ? simpleClass : simpleClass.substring(0, outer)) + ".java";
        }
        return new StackTraceElement(null, MODULE, null, className, method, file, line);
    }

    /**
     * The future a machine is suspended on (or a {@link Wrapper} runs), or {@code null}: for task
     * dumps, read racily from another thread (the answer may be stale, never unsafe).
     *
     * @param future any future, typically a task's
     * @return the future it waits on now, or {@code null}
     */
    public static Future<?> awaitedChild(Object future) {
        if (future instanceof StateMachine) {
            return ((StateMachine<?>) future).child;
        }
        return future instanceof Wrapper ? ((Wrapper) future).wrapped() : null;
    }

    /**
     * The template location a machine is suspended at ({@code "Echo.java:42"}), or
     * {@code null} if {@code future} is not a suspended state machine.
     *
     * @param future any future, typically a task's
     * @return the location, or {@code null}
     */
    public static String location(Object future) {
        if (!(future instanceof StateMachine)) {
            return null;
        }
        StateMachine<?> m = (StateMachine<?>) future;
        int s = m.state;
        return s <= 0 ? null : m.where(s);   // not started, completed or cancelled unstarted
    }
}
