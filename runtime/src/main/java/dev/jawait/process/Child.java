package dev.jawait.process;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Futures;
import dev.jawait.Poll;

/**
 * A running child process — Tokio's {@code tokio::process::Child}: its pipes as async streams,
 * {@link #waitFor()} to await its exit, {@link #kill()}. Made by {@link Command#spawn()}.
 *
 * <pre>{@code
 * try (Child sort = await(new Command("sort").spawn())) {
 *     JoinHandle<Void> feeding = Task.spawn(FeedAsync.lines(sort.stdin(), lines));  // writes, then closes stdin
 *     byte[] sorted = await(sort.stdout().readAllBytes());
 *     int code = await(sort.waitFor());
 * }   // close(): pipes closed; a child still running is killed
 * }</pre>
 *
 * <h2>Aborting, killing, and no zombies</h2>
 * With {@link Command#killOnAbort(boolean)} on (the default), the child is killed
 * ({@code SIGKILL}) when a task awaiting {@link #waitFor()} is aborted (or the wait loses a
 * {@code select}, or times out), and by {@link #close()} if it is still running — so an aborted
 * task that holds its child in try-with-resources takes the child with it, wherever it was
 * waiting. Exited children are reaped by the JDK (its process-reaper thread waits for every
 * child it started), so none lingers as a zombie, whether or not anyone awaits its exit.
 */
public final class Child implements AutoCloseable {
    private final Process process;
    private final String description;
    private final boolean killOnAbort;
    private final ChildStdin stdin;
    private final ChildOutput stdout;
    private final ChildOutput stderr;

    Child(Process process, String program, boolean stdinPiped, boolean stdoutPiped, boolean stderrPiped,
            boolean killOnAbort) {
        this.process = process;
        this.description = program + " (pid " + process.pid() + ")";
        this.killOnAbort = killOnAbort;
        this.stdin = stdinPiped ? new ChildStdin(process.getOutputStream(), description + " stdin") : null;
        this.stdout = stdoutPiped ? new ChildOutput(process.getInputStream(), description + " stdout") : null;
        this.stderr = stderrPiped ? new ChildOutput(process.getErrorStream(), description + " stderr") : null;
    }

    /**
     * The process id.
     *
     * @return the operating system's id of the child process
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Its standard input.
     *
     * @return the child's standard input
     * @throws IllegalStateException unless it was {@code Redirect.PIPE} (the default of
     *     {@link Command#spawn()})
     */
    public ChildStdin stdin() {
        return piped(stdin, "stdin");
    }

    /**
     * Its standard output; {@link IllegalStateException} unless piped.
     *
     * @return the child's standard output
     */
    public ChildOutput stdout() {
        return piped(stdout, "stdout");
    }

    /**
     * Its standard error; {@link IllegalStateException} unless piped.
     *
     * @return the child's standard error
     */
    public ChildOutput stderr() {
        return piped(stderr, "stderr");
    }

    private <T> T piped(T stream, String name) {
        if (stream == null) {
            throw new IllegalStateException(description + ": " + name
                    + " is not piped (set Redirect.PIPE on the Command to use it)");
        }
        return stream;
    }

    /**
     * Completes with the exit code when the child exits: 0 for success, 128 + the signal number
     * when a signal ended it (137 for {@code SIGKILL}). Cancelling the wait kills the child when
     * {@link Command#killOnAbort} is on.
     *
     * <pre>{@code
     * int code = await(child.waitFor());
     * }</pre>
     *
     * @return a future of the exit code
     */
    public Future<Integer> waitFor() {
        Future<Process> exited = Futures.fromCompletionStage(process.onExit());
        return new Future<>() {
            @Override
            public Poll<Integer> poll(Context cx) {
                Poll<Process> p = exited.poll(cx);
                return p.isPending() ? Poll.pending() : Poll.ready(process.exitValue());
            }

            @Override
            public boolean cancel() {
                exited.cancel();
                if (killOnAbort) {
                    kill();
                }
                return false;
            }

            @Override
            public String toString() {
                return "Child.waitFor(" + description + ")";
            }
        };
    }

    /**
     * Whether it is still running.
     *
     * @return {@code true} until the child has exited
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends {@code SIGKILL} (on Windows, terminates it); a no-op once it exited. The pipes stay
     * open, so what it wrote before can still be read; {@link #waitFor()} completes with 137.
     */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    /** Sends {@code SIGTERM}, asking it to stop; a no-op once it exited. */
    public void terminate() {
        process.toHandle().destroy();
    }

    /**
     * The JDK's handle: its {@code ProcessHandle.Info}, its own children.
     *
     * @return the child's {@code ProcessHandle}
     */
    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    /**
     * Closes the pipes and, when {@link Command#killOnAbort} is on and it is still running, kills
     * it. Idempotent; never throws.
     */
    @Override
    public void close() {
        if (killOnAbort && process.isAlive()) {
            kill();
        }
        if (stdin != null) {
            stdin.close();
        }
        if (stdout != null) {
            stdout.close();
        }
        if (stderr != null) {
            stderr.close();
        }
    }

    @Override
    public String toString() {
        return "Child[" + description + (process.isAlive() ? "" : ", exited") + "]";
    }
}
