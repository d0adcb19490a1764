package dev.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jawait.Future;
import dev.jawait.processor.testing.Compiled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Priority-2 constructs: jumps through finally, labels, switch forms, resources, short circuits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ControlFlowTest {
    static Compiled c;

    @BeforeAll
    static void compile() {
        c = Compiled.ok("demo.Flow", """
                package demo;

                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.processor.testing.Later;
                import java.util.List;

                public class Flow {
                    @Async
                    static int finallyOnEveryExit(List<String> log) {
                        int found = -1;
                        outer:
                        for (int i = 0; i < 5; i++) {
                            try {
                                try {
                                    if (i == 1) continue;
                                    if (i == 3) { found = i; break outer; }
                                    await(Later.of(i));
                                    log.add("body " + i);
                                } finally {
                                    log.add("inner " + i + " " + await(Later.of("f")));
                                }
                            } finally {
                                log.add("outer " + i);
                            }
                        }
                        return found;
                    }

                    @Async
                    static String returnThroughFinally(List<String> log) {
                        try {
                            return "from-try " + await(Later.of(1));
                        } finally {
                            log.add("finally ran");
                        }
                    }

                    @Async
                    static int finallyOverridesReturn() {
                        try {
                            return await(Later.of(1));
                        } finally {
                            if (await(Later.of(true))) return 2;
                        }
                    }

                    @Async
                    static String switches(int code) {
                        String out = "";
                        switch (code) {
                            case 1:
                                out += await(Later.of("one;"));
                            case 2:
                                out += "two;";
                                break;
                            default:
                                out += await(Later.of("other;"));
                        }
                        out += switch (await(Later.of(code))) {
                            case 1, 2 -> "small";
                            default -> {
                                String s = await(Later.of("big"));
                                yield s + "!";
                            }
                        };
                        return out;
                    }

                    static final class Res implements AutoCloseable {
                        final String name; final List<String> log; final boolean failClose;
                        Res(String name, List<String> log, boolean failClose) { this.name = name; this.log = log; this.failClose = failClose; }
                        public void close() { log.add("close " + name); if (failClose) throw new IllegalStateException("close " + name); }
                    }

                    @Async
                    static String resources(List<String> log, boolean failBody) {
                        try (Res a = new Res("a", log, true); Res b = new Res(await(Later.of("b")), log, false)) {
                            log.add("body");
                            if (failBody) throw new IllegalArgumentException("body");
                            return await(Later.of("done"));
                        }
                    }

                    @Async
                    static String shortCircuits(List<String> log, boolean left) {
                        boolean and = left && await(Later.of(log.add("and-right")));
                        boolean or = left || await(Later.of(log.add("or-right")));
                        String pick = left ? await(Later.of("yes")) : "no";
                        return and + " " + or + " " + pick;
                    }

                    @Async
                    static int loopHeaders() {
                        int n = 0;
                        for (int i = await(Later.of(0)); i < await(Later.of(3)); i += await(Later.of(1))) n += 10;
                        do { n++; } while (await(Later.of(n)) % 4 != 0);
                        return n;
                    }
                }
                """);
    }

    @SuppressWarnings("unchecked")
    private static <T> T run(String method, Object... args) throws Throwable {
        return Compiled.run((Future<T>) c.call("demo.FlowAsync", method, args));
    }

    @Test
    void breakAndContinueRunEveryFinally() throws Throwable {
        List<String> log = new ArrayList<>();
        assertEquals(3, (int) run("finallyOnEveryExit", log));
        assertEquals(List.of("body 0", "inner 0 f", "outer 0", "inner 1 f", "outer 1", "body 2", "inner 2 f",
                "outer 2", "inner 3 f", "outer 3"), log);
    }

    @Test
    void returnRunsFinallyAndFinallyMayOverride() throws Throwable {
        List<String> log = new ArrayList<>();
        assertEquals("from-try 1", run("returnThroughFinally", log));
        assertEquals(List.of("finally ran"), log);
        assertEquals(2, (int) run("finallyOverridesReturn"));
    }

    @Test
    void switchStatementFallsThroughAndSwitchExpressionYields() throws Throwable {
        assertEquals("one;two;small", run("switches", 1));
        assertEquals("two;small", run("switches", 2));
        assertEquals("other;big!", run("switches", 7));
    }

    @Test
    void resourcesCloseInReverseWithSuppressed() throws Throwable {
        List<String> log = new ArrayList<>();
        IllegalStateException closeFailure = assertThrows(IllegalStateException.class, () -> run("resources", log, false));
        assertEquals("close a", closeFailure.getMessage());
        assertEquals(List.of("body", "close b", "close a"), log);
        List<String> log2 = new ArrayList<>();
        IllegalArgumentException body = assertThrows(IllegalArgumentException.class, () -> run("resources", log2, true));
        assertEquals(1, body.getSuppressed().length);
        assertEquals("close a", body.getSuppressed()[0].getMessage());
        assertEquals(List.of("body", "close b", "close a"), log2);
    }

    @Test
    void rightOperandsRunOnlyWhenJavaWould() throws Throwable {
        List<String> log = new ArrayList<>();
        assertEquals("false true no", run("shortCircuits", log, false));
        assertEquals(List.of("or-right"), log);
        log.clear();
        assertEquals("true true yes", run("shortCircuits", log, true));
        assertEquals(List.of("and-right"), log);
    }

    @Test
    void awaitsInLoopHeaders() throws Throwable {
        assertEquals(32, (int) run("loopHeaders"));
    }
}
