package dev.jawait.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The async lints: each fires as a javac warning on the offending line, stays silent on a near
 * miss, and is switched with {@code -Ajawait.lint}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LintTest {

    private static final String HEADER = """
            package demo;
            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;
            import dev.jawait.Task;
            import dev.jawait.time.Time;
            import java.io.IOException;
            import java.time.Duration;
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;
            """;

    /** Compiles {@code body} inside {@code class L} (line 11 is the class line) with {@code options}. */
    private static Compilation compile(String body, String... options) {
        List<String> all = new ArrayList<>(List.of("-Xlint:all", "-Xlint:-processing"));
        all.addAll(List.of(options));
        Compilation c = Compiler.javac().withProcessors(new AsyncProcessor()).withOptions(all)
                .compile(JavaFileObjects.forSourceString("demo.L", HEADER + "public class L {\n" + body + "}\n"));
        assertThat(c).succeeded();
        return c;
    }

    private static JavaFileObject file() {
        return JavaFileObjects.forSourceString("demo.L", "");
    }

    /** The jawait warnings of {@code lint}, as "line: message". */
    private static List<String> warnings(Compilation c, String lint) {
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.warnings()) {
            if (d.getMessage(null).contains("[" + lint + "]")) {
                out.add(d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        return out;
    }

    private static final String BLOCKING = """
                @Async static int blocking(Future<Integer> f, CompletableFuture<Integer> cf,
                        BlockingQueue<Integer> queue) throws Exception {
                    Thread.sleep(10);
                    int a = cf.join();
                    java.util.concurrent.Future<Integer> plain = cf;
                    int b = plain.get();
                    queue.put(a + b);
                    return queue.take() + await(f);
                }
            """;

    @Test
    void aBlockingCallIsAWarningAtItsLineSayingWhatToUseInstead() {
        Compilation c = compile(BLOCKING);
        assertThat(c).hadWarningContaining("[blocking] Thread.sleep blocks the runtime's worker thread")
                .inFile(file()).onLine(14);
        assertThat(c).hadWarningContaining("use await(Time.sleep(duration))").inFile(file()).onLine(14);
        assertThat(c).hadWarningContaining("CompletableFuture.join").inFile(file()).onLine(15);
        assertThat(c).hadWarningContaining("Future.get").inFile(file()).onLine(17);
        assertThat(c).hadWarningContaining("Task.spawnBlocking").inFile(file()).onLine(17);
        assertThat(c).hadWarningContaining("BlockingQueue.put").inFile(file()).onLine(18);
        assertThat(c).hadWarningContaining("BlockingQueue.take").inFile(file()).onLine(19);
        assertEquals(5, warnings(c, "blocking").size(), warnings(c, "blocking").toString());
    }

    @Test
    void timeSleepAndBlockingWorkHandedToAnotherThreadAreSilent() {
        Compilation c = compile("""
                    @Async static int fine(Future<Integer> f) throws Exception {
                        await(Time.sleep(Duration.ofMillis(10)));
                        int slow = await(Task.spawnBlocking(() -> { Thread.sleep(10); return 1; }));
                        int read = new java.io.ByteArrayInputStream(new byte[] {7}).read();
                        Runnable later = () -> { try { Thread.sleep(1); } catch (InterruptedException e) { } };
                        return slow + read + await(f);
                    }
                """);
        assertEquals(List.of(), warnings(c, "blocking"));
    }

    @Test
    void aLockHeldAcrossAnAwaitIsAWarningAtTheAwait() {
        Compilation c = compile("""
                    static final ReentrantLock LOCK = new ReentrantLock();
                    @Async static int held(Future<Integer> f) {
                        LOCK.lock();
                        try {
                            return await(f) + 1;
                        } finally {
                            LOCK.unlock();
                        }
                    }
                """);
        assertThat(c).hadWarningContaining("[lock] the lock LOCK (locked at line 14) is held across this await")
                .inFile(file()).onLine(16);
        assertThat(c).hadWarningContaining("dev.jawait.sync.Mutex").inFile(file()).onLine(16);
        assertEquals(1, warnings(c, "lock").size(), warnings(c, "lock").toString());
    }

    @Test
    void aLockReleasedBeforeTheAwaitIsSilent() {
        Compilation c = compile("""
                    static final ReentrantLock LOCK = new ReentrantLock();
                    static int counter;
                    @Async static int released(Future<Integer> f) {
                        for (int i = 0; i < 2; i++) {
                            LOCK.lock();
                            try {
                                counter++;
                            } finally {
                                LOCK.unlock();
                            }
                            counter += await(f);
                        }
                        return counter;
                    }
                """);
        assertEquals(List.of(), warnings(c, "lock"));
    }

    @Test
    void aCatchThatSwallowsTheCancellationOfAnAwaitIsAWarningAtTheCatch() {
        Compilation c = compile("""
                    @Async static String swallows(Future<String> f) {
                        try {
                            return await(f);
                        } catch (Exception e) {
                            return "failed";
                        }
                    }
                    @Async static String swallowsThrowable(Future<String> f) {
                        try {
                            return await(f);
                        } catch (IllegalArgumentException | Error e) {
                            return "bad";
                        } catch (Throwable e) {
                            return "failed";
                        }
                    }
                """);
        assertThat(c).hadWarningContaining("[cancellation] this catch of Exception around an await also catches the"
                + " CancellationException").inFile(file()).onLine(15);
        assertThat(c).hadWarningContaining("this catch of Throwable").inFile(file()).onLine(24);
        assertEquals(2, warnings(c, "cancellation").size(), warnings(c, "cancellation").toString());
    }

    @Test
    void aCatchThatRethrowsOrComesAfterACancellationRethrowIsSilent() {
        Compilation c = compile("""
                    @Async static String rethrows(Future<String> f) {
                        try {
                            return await(f);
                        } catch (RuntimeException e) {
                            throw new IllegalStateException("wrapped", e);
                        }
                    }
                    @Async static String letsCancellationThrough(Future<String> f) {
                        try {
                            return await(f);
                        } catch (CancellationException e) {
                            throw e;
                        } catch (Exception e) {
                            return "failed";
                        }
                    }
                    @Async static String narrow(Future<String> f, dev.jawait.TryFuture<String, IOException> io) {
                        try {
                            return await(io);
                        } catch (IOException e) {
                            return "io";
                        }
                    }
                    @Async static String noAwaitInside(Future<String> f) {
                        String s;
                        try {
                            s = String.valueOf(Integer.parseInt("1"));
                        } catch (Exception e) {
                            s = "none";
                        }
                        return s + await(f);
                    }
                """);
        assertEquals(List.of(), warnings(c, "cancellation"));
    }

    @Test
    void eachLintIsSwitchedByTheOption() {
        String all = BLOCKING + """
                    static final ReentrantLock LOCK = new ReentrantLock();
                    @Async static int held(Future<Integer> f) {
                        LOCK.lock();
                        try { return await(f); } finally { LOCK.unlock(); }
                    }
                    @Async static int swallows(Future<Integer> f) {
                        try { return await(f); } catch (Exception e) { return 0; }
                    }
                """;
        Compilation none = compile(all, "-Ajawait.lint=none");
        assertEquals(0, warnings(none, "blocking").size() + warnings(none, "lock").size()
                + warnings(none, "cancellation").size());
        Compilation noBlocking = compile(all, "-Ajawait.lint=-blocking");
        assertEquals(List.of(), warnings(noBlocking, "blocking"));
        assertEquals(1, warnings(noBlocking, "lock").size());
        assertEquals(1, warnings(noBlocking, "cancellation").size());
        Compilation onlyLock = compile(all, "-Ajawait.lint=none,lock");
        assertEquals(1, warnings(onlyLock, "lock").size());
        assertEquals(0, warnings(onlyLock, "blocking").size() + warnings(onlyLock, "cancellation").size());
        for (Diagnostic<? extends JavaFileObject> d : onlyLock.warnings()) {
            assertTrue(!d.getMessage(null).contains("not recognized"), "the option is declared: " + d);
        }
    }

    @Test
    void anUnknownLintNameIsAWarningNamingTheKnownOnes() {
        Compilation c = compile("""
                    @Async static int m(Future<Integer> f) { return await(f); }
                """, "-Ajawait.lint=-blocking,-deadlock");
        assertThat(c).hadWarningContaining("names no lint '-deadlock'; the lints are blocking, lock, cancellation");
    }

    @Test
    void withWerrorALintFailsTheBuild() {
        Compilation c = Compiler.javac().withProcessors(new AsyncProcessor()).withOptions("-Werror")
                .compile(JavaFileObjects.forSourceString("demo.L", HEADER + "public class L {\n" + BLOCKING + "}\n"));
        assertThat(c).failed();
        assertThat(c).hadWarningContaining("[blocking] Thread.sleep").inFile(file()).onLine(14);
    }
}
