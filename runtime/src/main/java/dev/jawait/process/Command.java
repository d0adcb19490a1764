package dev.jawait.process;

import dev.jawait.Future;
import dev.jawait.Futures;
import dev.jawait.TryFuture;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to start a child process — Tokio's {@code tokio::process::Command}, on top of
 * {@link ProcessBuilder}: program and arguments, environment, working directory, where its
 * standard streams go, and whether aborting kills it. {@link #spawn()} starts it;
 * {@link #output()} and {@link #status()} also wait for it.
 *
 * <pre>{@code
 * Output out = await(new Command("git", "log", "-1", "--format=%H")
 *         .directory(repo)
 *         .env("GIT_PAGER", "cat")
 *         .output());
 *
 * try (Child cat = await(new Command("cat").spawn())) {   // stdin, stdout, stderr piped
 *     await(cat.stdin().writeAll(ByteBuffer.wrap(data)));
 *     cat.stdin().close();
 *     byte[] echoed = await(cat.stdout().readAllBytes());
 *     int code = await(cat.waitFor());
 * }
 * }</pre>
 *
 * <p>Starting a program blocks for a moment (the JDK forks a helper that executes it), so
 * {@link #spawn()} does it on the blocking pool. A program that cannot be started fails the
 * future with the JDK's {@link IOException}, which names the program, the directory and the
 * reason ({@code Cannot run program "nosuch" (in directory "/srv"): error=2, No such file or
 * directory}). A command may be spawned again and again; changing it afterwards does not affect
 * children already started.
 */
public final class Command {
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> envSet = new LinkedHashMap<>();
    private final Set<String> envRemoved = new LinkedHashSet<>();
    private boolean envCleared;
    private Path directory;
    private Redirect stdin;
    private Redirect stdout;
    private Redirect stderr;
    private boolean killOnAbort = true;

    /**
     * {@code program} (found on the {@code PATH} unless it is a path) with {@code args}.
     *
     * @param program the executable's name or path
     * @param args its first arguments
     */
    public Command(String program, String... args) {
        command.add(Objects.requireNonNull(program, "program"));
        args(args);
    }

    /**
     * Adds an argument.
     *
     * @param arg one more argument
     * @return this command
     */
    public Command arg(String arg) {
        command.add(Objects.requireNonNull(arg, "arg"));
        return this;
    }

    /**
     * Adds arguments.
     *
     * @param args more arguments, in order
     * @return this command
     */
    public Command args(String... args) {
        for (String a : args) {
            arg(a);
        }
        return this;
    }

    /**
     * Adds arguments.
     *
     * @param args more arguments, in order
     * @return this command
     */
    public Command args(Collection<String> args) {
        for (String a : args) {
            arg(a);
        }
        return this;
    }

    /**
     * Sets an environment variable for the child (on top of this process's environment).
     *
     * @param key the variable's name
     * @param value its value for the child
     * @return this command
     */
    public Command env(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        envRemoved.remove(key);
        envSet.put(key, value);
        return this;
    }

    /**
     * Removes an environment variable from the child's environment.
     *
     * @param key the variable's name
     * @return this command
     */
    public Command removeEnv(String key) {
        Objects.requireNonNull(key, "key");
        envSet.remove(key);
        envRemoved.add(key);
        return this;
    }

    /**
     * Starts the child with an empty environment plus what {@link #env} sets afterwards.
     *
     * @return this command
     */
    public Command clearEnv() {
        envCleared = true;
        envSet.clear();
        envRemoved.clear();
        return this;
    }

    /**
     * The child's working directory (default: this process's).
     *
     * @param dir the directory the child starts in
     * @return this command
     */
    public Command directory(Path dir) {
        this.directory = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /**
     * Where the child's standard input comes from: {@link Redirect#PIPE} (then write it with
     * {@link Child#stdin()}), {@link Redirect#INHERIT}, or a file. Default: a pipe for
     * {@link #spawn()}, this process's for {@link #status()}, nothing (end of file at once) for
     * {@link #output()}.
     *
     * @param redirect the source of the child's standard input
     * @return this command
     */
    public Command stdin(Redirect redirect) {
        this.stdin = Objects.requireNonNull(redirect, "redirect");
        return this;
    }

    /**
     * Where the child's standard output goes: {@link Redirect#PIPE} (read it with
     * {@link Child#stdout()}), {@link Redirect#INHERIT}, {@link Redirect#DISCARD}, a file.
     * Default: a pipe for {@link #spawn()}, this process's for {@link #status()}; {@link #output()}
     * always pipes it.
     *
     * @param redirect the destination of the child's standard output
     * @return this command
     */
    public Command stdout(Redirect redirect) {
        this.stdout = Objects.requireNonNull(redirect, "redirect");
        return this;
    }

    /**
     * Where the child's standard error goes; defaults as for {@link #stdout(Redirect)}.
     *
     * @param redirect the destination of the child's standard error
     * @return this command
     */
    public Command stderr(Redirect redirect) {
        this.stderr = Objects.requireNonNull(redirect, "redirect");
        return this;
    }

    /**
     * Whether the child is killed when the task waiting for it is aborted, and by
     * {@link Child#close()} (default true). Off, the child outlives its handle.
     *
     * @param kill {@code true} to kill the child with its waiting task, {@code false} to let it run on
     * @return this command
     */
    public Command killOnAbort(boolean kill) {
        this.killOnAbort = kill;
        return this;
    }

    /**
     * Starts the child, on the blocking pool. Cancelling the future before it completes kills a
     * child that got started meanwhile (nobody could reach it otherwise).
     *
     * <pre>{@code
     * Child child = await(new Command("sleep", "5").spawn());
     * }</pre>
     *
     * @return a future of the running child
     */
    public TryFuture<Child, IOException> spawn() {
        return spawn(orDefault(stdin, Redirect.PIPE), orDefault(stdout, Redirect.PIPE),
                orDefault(stderr, Redirect.PIPE));
    }

    /**
     * Starts the child with its standard streams inherited (unless set) and completes with its
     * exit code; cancelling kills it (with {@link #killOnAbort} on).
     *
     * <pre>{@code
     * int code = await(new Command("make", "-j2").directory(src).status());
     * }</pre>
     *
     * @return a future of the child's exit code
     */
    public TryFuture<Integer, IOException> status() {
        TryFuture<Child, IOException> spawning = spawn(orDefault(stdin, Redirect.INHERIT),
                orDefault(stdout, Redirect.INHERIT), orDefault(stderr, Redirect.INHERIT));
        return TryFuture.of(spawning.flatMap(child -> new ClosingChild<>(child, child.waitFor())));
    }

    /**
     * Runs the child to the end with standard output and error piped and collected (standard
     * input empty unless set); completes with its exit code and output. Cancelling kills it (with
     * {@link #killOnAbort} on).
     *
     * @return a future of the exit code and both outputs
     */
    public TryFuture<Output, IOException> output() {
        TryFuture<Child, IOException> spawning = spawn(orDefault(stdin, Redirect.from(nullDevice())),
                Redirect.PIPE, Redirect.PIPE);
        return TryFuture.of(spawning.flatMap(child -> {
            Future<Futures.Triple<byte[], byte[], Integer>> all = Futures.join(
                    child.stdout().readAllBytes(), child.stderr().readAllBytes(), child.waitFor());
            return new ClosingChild<>(child, all.map(t -> new Output(t.third(), t.first(), t.second())));
        }));
    }

    private TryFuture<Child, IOException> spawn(Redirect in, Redirect out, Redirect err) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .redirectInput(in).redirectOutput(out).redirectError(err);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Map<String, String> env = builder.environment();
        if (envCleared) {
            env.clear();
        }
        envRemoved.forEach(env::remove);
        env.putAll(envSet);
        boolean kill = killOnAbort;
        return new SpawnFuture(() -> {
            Process p = builder.start();
            return new Child(p, command.get(0), in == Redirect.PIPE, out == Redirect.PIPE,
                    err == Redirect.PIPE, kill);
        }, toString());
    }

    private static Redirect orDefault(Redirect set, Redirect otherwise) {
        return set != null ? set : otherwise;
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** The command line, arguments separated by spaces. */
    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
