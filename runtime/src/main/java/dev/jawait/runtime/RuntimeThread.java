package dev.jawait.runtime;

/**
 * A thread owned by a runtime: a worker (async context, must not block) or a blocking-pool
 * thread (may block). {@link RuntimeContext} reads the runtime and worker from here without a
 * thread-local lookup.
 *
 * <pre>{@code
 * if (Thread.currentThread() instanceof RuntimeThread rt && rt.worker != null) { ... }
 * }</pre>
 */
final class RuntimeThread extends Thread {
    final AsyncRuntime runtime;
    /** The worker this thread runs, or null for a blocking-pool thread. */
    final Worker worker;

    RuntimeThread(AsyncRuntime runtime, Worker worker, Runnable body, String name) {
        super(null, body, name, 0, false);
        this.runtime = runtime;
        this.worker = worker;
        setDaemon(true);
    }
}
