package dev.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.TryFuture;
import dev.jawait.processor.testing.Compiled;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Priority-1 constructs: compiled through the processor, loaded, run by hand. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipelineTest {
    static Compiled c;

    @BeforeAll
    static void compile() {
        c = Compiled.ok("demo.Basics", """
                package demo;

                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.Future;
                import dev.jawait.TryFuture;
                import dev.jawait.processor.testing.Later;
                import java.io.IOException;
                import java.util.List;
                import java.util.concurrent.CompletableFuture;

                public class Basics {
                    int base;
                    static final int STEP = 10;

                    public Basics(int base) { this.base = base; }

                    @Async
                    public static String greet(Future<String> name) {
                        String n = await(name);
                        return "hello " + n;
                    }

                    @Async
                    int addToBase(int x) {
                        int y = await(Later.of(x)) + STEP;
                        base += y;
                        return base;
                    }

                    @Async
                    public static <T extends Comparable<T>> T max(List<T> items) {
                        T best = null;
                        for (T item : items) {
                            T v = await(Later.of(item));
                            if (best == null || v.compareTo(best) > 0) best = v;
                        }
                        return best;
                    }

                    @Async
                    public static int readAll(List<Integer> chunks) throws IOException {
                        int total = 0;
                        for (int i = 0; i < chunks.size(); i++) {
                            int n = await(Later.of(chunks.get(i)));
                            if (n < 0) throw new IOException("negative " + n);
                            total += n;
                        }
                        return total;
                    }

                    @Async
                    static String order(List<String> log) {
                        return join(log.add("a") ? at(log, "a") : "", await(Later.of(at(log, "b"))), at(log, "c"));
                    }

                    static String at(List<String> log, String s) { log.add("eval " + s); return s; }
                    static String join(String... parts) { return String.join("", parts); }

                    @Async
                    static int loops(int n) {
                        int sum = 0;
                        int i = 0;
                        while (i < n) { sum += await(Later.of(i)); i++; }
                        do { sum += await(Later.of(100)); } while (sum < 0);
                        int[] arr = {1, 2, 3};
                        for (int v : arr) sum += await(Later.of(v * 1000));
                        return sum;
                    }

                    @Async
                    static String tryCatch(boolean fail) {
                        StringBuilder sb = new StringBuilder();
                        try {
                            sb.append("try;");
                            await(fail ? Later.failing(new IllegalStateException("boom")) : Later.of("ok"));
                            sb.append("after;");
                        } catch (IllegalStateException e) {
                            sb.append("caught ").append(e.getMessage()).append(';');
                            sb.append(await(Later.of("in-catch;")));
                        }
                        return sb.toString();
                    }

                    @Async
                    static void nothing(List<String> log) {
                        log.add("ran");
                        await(Later.of(null));
                        log.add("resumed");
                    }

                    @Async
                    static String stage() {
                        return await(CompletableFuture.supplyAsync(() -> "from-stage"));
                    }

                    @Async
                    static int nested(Future<Future<Integer>> ff) {
                        return await(await(ff)) + await(Later.of(await(Later.of(1)) + 1));
                    }

                    @Async
                    static int awaitNull() {
                        Future<Integer> none = null;
                        return await(none);
                    }

                    @Async
                    static int recursive(int n) {
                        return n == 0 ? 0 : n + await(BasicsAsync.recursive(n - 1));
                    }
                }
                """);
    }

    @Test
    void staticMethodAwaitsAndReturns() throws Throwable {
        assertEquals("hello jawait", Compiled.run((Future<?>) c.call("demo.BasicsAsync", "greet", Future.ready("jawait"))));
    }

    @Test
    void instanceMethodUsesReceiverFieldsAndStatics() throws Throwable {
        Class<?> type = c.load("demo.Basics");
        Object self = type.getDeclaredConstructor(int.class).newInstance(5);
        Object f = c.call("demo.BasicsAsync", "addToBase", self, 7);
        assertEquals(22, (int) Compiled.run((Future<?>) f));
        var base = type.getDeclaredField("base");
        base.setAccessible(true);
        assertEquals(22, base.getInt(self));
    }

    @Test
    void genericMethodKeepsTypeParameters() throws Throwable {
        Method m = c.load("demo.BasicsAsync").getDeclaredMethod("max", List.class);
        assertEquals(1, m.getTypeParameters().length);
        assertEquals("pear", Compiled.run((Future<?>) m.invoke(null, List.of("apple", "pear", "fig"))));
    }

    @Test
    void checkedExceptionGivesTryFutureAndPropagates() throws Throwable {
        Method m = c.load("demo.BasicsAsync").getDeclaredMethod("readAll", List.class);
        assertEquals(TryFuture.class, m.getReturnType());
        assertEquals("dev.jawait.TryFuture<java.lang.Integer, java.io.IOException>", m.getGenericReturnType().getTypeName());
        assertEquals(6, (int) Compiled.run((Future<?>) m.invoke(null, List.of(1, 2, 3))));
        Future<?> failing = (Future<?>) m.invoke(null, List.of(1, -2, 3));
        IOException e = assertThrows(IOException.class, () -> Compiled.run(failing));
        assertEquals("negative -2", e.getMessage());
    }

    @Test
    void argumentsEvaluateLeftToRightAcrossTheAwait() throws Throwable {
        List<String> log = new ArrayList<>();
        Object f = c.call("demo.BasicsAsync", "order", log);
        assertTrue(log.isEmpty(), "futures are lazy: nothing runs before the first poll");
        assertEquals("abc", Compiled.run((Future<?>) f));
        assertEquals(List.of("a", "eval a", "eval b", "eval c"), log);
    }

    @Test
    void loopsWithAwaitsInBodies() throws Throwable {
        assertEquals(0 + 1 + 2 + 100 + 6000, (int) Compiled.run((Future<?>) c.call("demo.BasicsAsync", "loops", 3)));
    }

    @Test
    void tryCatchAroundAwait() throws Throwable {
        assertEquals("try;after;", Compiled.run((Future<?>) c.call("demo.BasicsAsync", "tryCatch", false)));
        assertEquals("try;caught boom;in-catch;", Compiled.run((Future<?>) c.call("demo.BasicsAsync", "tryCatch", true)));
    }

    @Test
    void voidMethodCompletesWithNull() throws Throwable {
        List<String> log = new ArrayList<>();
        assertEquals((Object) null, Compiled.run((Future<?>) c.call("demo.BasicsAsync", "nothing", log)));
        assertEquals(List.of("ran", "resumed"), log);
    }

    @Test
    void completionStageIsAwaitedThroughAnAdapter() throws Throwable {
        assertEquals("from-stage", Compiled.run((Future<?>) c.call("demo.BasicsAsync", "stage")));
    }

    @Test
    void nestedAwaits() throws Throwable {
        Future<Future<Integer>> ff = Future.ready(Future.ready(40));
        assertEquals(42, (int) Compiled.run((Future<?>) c.call("demo.BasicsAsync", "nested", ff)));
    }

    @Test
    void recursionThroughTheOwnCompanion() throws Throwable {
        assertEquals(55, (int) Compiled.run((Future<?>) c.call("demo.BasicsAsync", "recursive", 10)));
    }

    @Test
    void awaitingNullFailsWithNullPointerExceptionNotCancellation() throws Throwable {
        Future<?> f = (Future<?>) c.call("demo.BasicsAsync", "awaitNull");
        NullPointerException e = assertThrows(NullPointerException.class, () -> Compiled.run(f));
        assertEquals("await of a null future", e.getMessage());
    }

    @Test
    void generatedCodeCompilesWithoutWarnings() {
        assertEquals(List.of(), c.generatedWarnings());
    }
}
