package dev.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jawait.processor.testing.Compiled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generated source of one method per construct family, compared with
 * {@code src/test/resources/golden/*.java}. After an intended change of the output, regenerate
 * with {@code -Djawait.golden.update=true} and review the diff.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GoldenTest {

    private static final String HEADER = """
            package golden;

            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;
            import java.io.IOException;
            import java.util.List;

            """;

    private static void golden(String className, String method, String body) throws IOException {
        goldenFile(className, method, "public class " + className + " {\n" + body + "}\n");
    }

    /** Like {@link #golden}, with the types of the file written out (a superclass, say). */
    private static void goldenFile(String className, String method, String types) throws IOException {
        Compiled c = Compiled.ok("golden." + className, HEADER + types);
        String actual = c.source("golden." + className + "_StateMachines");   // holds method_StateMachine
        if (!actual.contains("static final class " + method + "_StateMachine ")) {
            throw new AssertionError("no state machine of " + method + " in\n" + actual);
        }
        String resource = "golden/" + className + ".java";
        if (Boolean.getBoolean("jawait.golden.update")) {
            Path file = Path.of("src/test/resources", resource);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        try (InputStream in = GoldenTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing " + resource + "; run with -Djawait.golden.update=true\n" + actual);
            }
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual);
        }
    }

    @Test
    void loops() throws IOException {
        golden("Loops", "sum", """
                    @Async
                    static int sum(List<Future<Integer>> parts, int limit) {
                        int total = 0;
                        outer:
                        for (Future<Integer> part : parts) {
                            int n = await(part);
                            while (n > 0) {
                                if (total > limit) break outer;
                                total += n--;
                            }
                        }
                        return total;
                    }
                """);
    }

    @Test
    void onlyLocalsLiveAcrossAnAwaitAreFields() throws IOException {
        // head and tail are declared and used between two awaits: Java locals of one state;
        // length is read after the second await: a field
        golden("Between", "between", """
                    @Async
                    static int between(Future<String> first, Future<String> second, List<String> log) {
                        String head = await(first);
                        int length = head.length();
                        log.add("head " + head);
                        String tail = await(second);
                        log.add("tail " + tail);
                        return length + tail.length();
                    }
                """);
    }

    @Test
    void tryCatchFinally() throws IOException {
        golden("Guard", "read", """
                    @Async
                    static String read(Future<String> source, List<String> log) throws IOException {
                        try {
                            return await(source);
                        } catch (IllegalStateException | IllegalArgumentException e) {
                            log.add("bad " + e.getMessage());
                            return "fallback";
                        } finally {
                            log.add("done");
                        }
                    }
                """);
    }

    @Test
    void switchStatementAndExpression() throws IOException {
        golden("Route", "route", """
                    @Async
                    static String route(Future<Integer> code, Future<String> body) {
                        String kind = switch (await(code)) {
                            case 200 -> "ok " + await(body);
                            case 404 -> "missing";
                            default -> {
                                String b = await(body);
                                yield "other " + b;
                            }
                        };
                        return kind;
                    }
                """);
    }

    @Test
    void superCallsThroughFindSpecialHandles() throws IOException {
        goldenFile("Supers", "greet", """
                class Named {
                    String name(String s) { return "named " + s; }
                }

                public class Supers extends Named {
                    @Override
                    String name(String s) { return "supers " + s; }

                    @Async
                    String greet(Future<String> who) {
                        return super.name(await(who)) + name("again");
                    }
                }
                """);
    }

    @Test
    void expressionsSpillLeftToRight() throws IOException {
        golden("Calc", "calc", """
                    static int f(int a, int b, int c) { return a * 100 + b * 10 + c; }
                    static int next(int[] counter) { return ++counter[0]; }

                    @Async
                    static int calc(int[] counter, Future<Integer> x, boolean flag) {
                        int r = f(next(counter), await(x), next(counter));
                        boolean ok = flag && await(x) > 0;
                        return ok ? r : -await(x);
                    }
                """);
    }
}
