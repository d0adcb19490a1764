package dev.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jawait.processor.testing.Compiled;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which template variables become fields of the state machine: exactly those live across an
 * await (a reference that runs in a later state than the declaration); the others stay Java locals.
 * Each case names the variables it expects as fields (parameters always are), read from the
 * generated class. That the machines behave like the templates is the oracle's job
 * ({@code oracle/Liveness.java}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LivenessTest {
    static Compiled c;

    @BeforeAll
    static void compile() {
        c = Compiled.ok("demo.Live", """
                package demo;

                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.Future;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.function.IntSupplier;

                public class Live {
                    static int log(Object o) { return 0; }
                    static int sum(int a, int b) { return a + b; }
                    static class Res implements AutoCloseable { public void close() {} }

                    @Async static int betweenAwaits(Future<Integer> f) {
                        int a = await(f);
                        int b = a * 2;
                        log(b);
                        return await(f) + 1;
                    }

                    @Async static int readAfterAwait(Future<Integer> f) {
                        int x = log("x");
                        await(f);
                        return x;
                    }

                    @Async static int backEdge(Future<Integer> f) {
                        int x = 0;
                        while (x < 3) {
                            log(x);
                            await(f);
                            x++;
                        }
                        return 0;
                    }

                    @Async static void perIteration(Future<Integer> f) {
                        for (int i = 0; i < 3; i++) {
                            int v = i * 2;
                            log(v);
                            await(f);
                        }
                    }

                    @Async static void finallyAfterAwait(Future<Integer> f) {
                        int a = log("a");
                        try {
                            await(f);
                        } finally {
                            log(a);
                        }
                    }

                    @Async static void tryBlockIsAStateOfItsOwn(Future<Integer> f) {
                        int a = log("a");
                        try {
                            log(a);
                            await(f);
                        } finally {
                            log("done");
                        }
                    }

                    @Async static void elseIsAStateOfItsOwn(Future<Integer> f, boolean c) {
                        int a = log("a");
                        if (c) {
                            log(a);
                        } else {
                            log(a);
                            await(f);
                        }
                    }

                    @Async static void caseIsAStateOfItsOwn(Future<Integer> f, int k) {
                        int a = log("a");
                        int b = log("b");
                        switch (k) {
                            case 1: log(a); await(f); break;
                            default: break;
                        }
                        log(b);
                    }

                    @Async static int stableOperandUsedAfterTheAwait(Future<Integer> f) {
                        int n = log("n");
                        return sum(n, await(f));
                    }

                    @Async static int computedOperandIsSpilled(Future<Integer> f) {
                        int n = log("n");
                        return sum(n + 1, await(f));
                    }

                    @Async static int assignedFromAnAwait(Future<Integer> f) {
                        int x;
                        x = await(f);
                        return x;
                    }

                    @Async static void forEachVariable(Future<Integer> f, List<String> words) {
                        for (String before : words) {
                            log(before);
                            await(f);
                        }
                        for (String after : words) {
                            await(f);
                            log(after);
                        }
                    }

                    @Async static int compoundOnALocal(Future<Integer> f) {
                        int total = 0;
                        for (int i = 0; i < 2; i++) {
                            total += await(f);
                        }
                        return total;
                    }

                    @Async static void bindingInAnAwaitingStatement(Future<Object> f) {
                        Object o = log("o");
                        if (o instanceof String s) {
                            log(s);
                            await(f);
                        }
                    }

                    @Async static void resource(Future<Integer> f) {
                        try (Res r = new Res()) {
                            await(f);
                        }
                    }

                    @Async static String catchParameters(Future<String> f) {
                        String out = "";
                        try {
                            out = await(f);
                        } catch (IllegalStateException unused) {
                            out = "failed";
                        }
                        try {
                            out += await(f);
                        } catch (IllegalArgumentException used) {
                            out = used.getMessage();
                        }
                        return out;
                    }

                    @Async static List<IntSupplier> captures(Future<Integer> f) {
                        List<IntSupplier> out = new ArrayList<>();
                        int before = log("before");
                        out.add(() -> before);
                        int after = log("after");
                        await(f);
                        out.add(() -> after);
                        return out;
                    }
                }
                """);
    }

    /** The instance fields of {@code method}'s machine that hold template variables (not the receiver or temporaries). */
    private static Set<String> variableFields(String method) {
        Set<String> out = new TreeSet<>();
        for (Field f : c.load("demo.Live_StateMachines$" + method + "_StateMachine").getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.getName().matches("self|tmp\\d+.*")) {
                out.add(f.getName());
            }
        }
        return out;
    }

    private static Set<String> temporaries(String method) {
        Set<String> out = new TreeSet<>();
        for (Field f : c.load("demo.Live_StateMachines$" + method + "_StateMachine").getDeclaredFields()) {
            if (f.getName().matches("tmp\\d+.*")) {
                out.add(f.getName());
            }
        }
        return out;
    }

    private static void fields(String method, String... expected) {
        assertEquals(new TreeSet<>(Set.of(expected)), variableFields(method), method);
    }

    @Test
    void aLocalUsedOnlyBetweenTwoAwaitsStaysALocal() {
        fields("betweenAwaits", "f");
    }

    @Test
    void aLocalReadAfterAnAwaitIsAField() {
        fields("readAfterAwait", "f", "x");
    }

    @Test
    void aLoopBackEdgeCarriesLocalsDeclaredBeforeTheLoop() {
        fields("backEdge", "f", "x");
        fields("perIteration", "f", "i");   // v is fresh in each iteration
    }

    @Test
    void finallyAndTryBlocksRunInStatesOfTheirOwn() {
        fields("finallyAfterAwait", "f", "a");
        fields("tryBlockIsAStateOfItsOwn", "f", "a");
    }

    @Test
    void elseBranchesAndCasesRunInStatesOfTheirOwn() {
        fields("elseIsAStateOfItsOwn", "f", "c", "a");
        fields("caseIsAStateOfItsOwn", "f", "k", "a", "b");
    }

    @Test
    void aStableOperandIsReadAfterTheAwaitThatFollowsIt() {
        fields("stableOperandUsedAfterTheAwait", "f", "n");
        fields("computedOperandIsSpilled", "f");
        assertEquals(1, temporaries("computedOperandIsSpilled").size());
    }

    @Test
    void anAssignmentFromAnAwaitWritesInTheResumedState() {
        fields("assignedFromAnAwait", "f", "x");
    }

    @Test
    void forEachVariablesAreFieldsOnlyWhenUsedAfterAnAwait() {
        fields("forEachVariable", "f", "words", "after");
    }

    @Test
    void aCompoundAssignmentToALocalNeedsNoCopyOfTheOldValue() {
        fields("compoundOnALocal", "f", "total", "i");
        assertEquals(Set.of(), temporaries("compoundOnALocal"));
    }

    @Test
    void bindingsOfAnAwaitingStatementAndResourcesAreFields() {
        fields("bindingInAnAwaitingStatement", "f", "s");
        fields("resource", "f", "r");
    }

    @Test
    void aCatchParameterIsAFieldOnlyWhenTheCatchReadsIt() {
        fields("catchParameters", "f", "out", "used");
    }

    @Test
    void noWarningsInGeneratedCode() {
        assertEquals(java.util.List.of(), c.generatedWarnings());
    }

    @Test
    void aLambdaCapturesAFieldOnlyWhenCreatedAfterAnAwait() {
        fields("captures", "f", "out", "after");
    }
}
