package dev.jawait.processor.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.processor.testing.Compiled;
import dev.jawait.processor.testing.SeparateCompilation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle of virtual dispatch (docs/ARCHITECTURE.md, "Virtual dispatch"): for an instance {@code @Async}
 * method {@code m} of {@code X} and a receiver of some class, {@code XAsync.m(self, args)} must give
 * what {@code self.m(args)} gives when Java dispatches it (the override run directly, blocking) —
 * result, exception, log and the receiver's fields — on both runtimes, with every {@link Src}
 * ready, pending and failing in turn ({@link ShapeOracle}).
 *
 * <pre>{@code
 * mvn -o -pl processor -am test -Dtest=DispatchOracleTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DispatchOracleTest {
    private static final RuntimePool POOL = new RuntimePool();
    private static final BoundedRunner RUNNER = new BoundedRunner("dispatch-oracle");

    private static final String HEADER = """
            package dispatch;
            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.processor.oracle.Log;
            import dev.jawait.processor.oracle.Src;
            import java.util.ArrayList;
            import java.util.List;
            """;

    @AfterAll
    static void release() {
        POOL.close();
        RUNNER.close();
        Src.shutdown();
    }

    static final String[] SHAPES = {
        "dispatch.Shape", HEADER + """
            /** A default @Async method awaiting an abstract one. */
            public interface Shape {
                @Async int area();

                @Async default String describe() {
                    int a = await(ShapeAsync.area(this));
                    return Log.add(name() + " of area " + a + await(Src.s("!")));
                }

                String name();
            }
            """,
        "dispatch.Square", HEADER + """
            public class Square implements Shape {
                int side = 3;

                @Async public int area() {
                    int s = await(Src.i(side));
                    side++;
                    return Log.i("square", s * s);
                }

                public String name() {
                    return "square";
                }
            }
            """,
        "dispatch.Circle", HEADER + """
            /** A plain area, and describe overridden with the default one as its super call. */
            public class Circle implements Shape {
                public int area() {
                    return Log.i("circle plain area", 28);
                }

                @Async public String describe() {
                    String inner = await(ShapeAsync.describe_super(this));
                    return Log.add("circle says " + inner + await(Src.i(2)));
                }

                public String name() {
                    return "circle";
                }
            }
            """,
        "dispatch.Blob", HEADER + """
            /** A plain area that fails. */
            public class Blob implements Shape {
                public int area() {
                    Log.add("blob area");
                    throw new IllegalStateException("a blob has no area");
                }

                public String name() {
                    return "blob";
                }
            }
            """,
    };

    @Test
    void interfaceWithTwoImplementationsAndADefaultMethodCallingAnAbstractOne() throws Exception {
        Compiled c = compile(SHAPES);
        for (String impl : List.of("Square", "Circle", "Blob")) {
            check(c, "dispatch.Shape", "area", () -> c.instance("dispatch." + impl));
            check(c, "dispatch.Shape", "describe", () -> c.instance("dispatch." + impl));
        }
    }

    static final String[] JOBS = {
        "dispatch.Job", HEADER + """
            /** The template method pattern: a final @Async method awaiting an abstract @Async step. */
            public abstract class Job {
                protected final List<String> steps = new ArrayList<>();

                @Async public final String run() {
                    Log.add("start " + getClass().getSimpleName());
                    int r = await(JobAsync.step(this, await(Src.i(1))));
                    steps.add("step " + r);
                    return Log.add("done " + r);
                }

                @Async protected abstract int step(int input);
            }
            """,
        "dispatch.DoubleJob", HEADER + """
            public class DoubleJob extends Job {
                @Async protected int step(int input) {
                    steps.add("doubling");
                    return await(Src.i(input * 2)) + Log.i("double", 0);
                }
            }
            """,
        "dispatch.PlainJob", HEADER + """
            public class PlainJob extends Job {
                protected int step(int input) {
                    steps.add("plain");
                    return Log.i("plain", input + 100);
                }
            }
            """,
        "dispatch.FailingJob", HEADER + """
            public class FailingJob extends Job {
                protected int step(int input) {
                    throw new UnsupportedOperationException("no step " + input);
                }
            }
            """,
        "dispatch.Step", HEADER + """
            /** An interface with one abstract @Async method, implemented by a lambda (a hidden class). */
            public interface Step {
                @Async int apply(int x);

                static Step plusOne() {
                    return x -> Log.i("lambda", x + 1);
                }
            }
            """,
    };

    @Test
    void abstractClassTemplateMethod() throws Exception {
        Compiled c = compile(JOBS);
        for (String job : List.of("DoubleJob", "PlainJob", "FailingJob")) {
            check(c, "dispatch.Job", "run", () -> c.instance("dispatch." + job));
            check(c, "dispatch.Job", "step", () -> c.instance("dispatch." + job), 5);
        }
        check(c, "dispatch.Step", "apply", () -> {
            try {
                return c.call("dispatch.Step", "plusOne");
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }, 41);
    }

    @Test
    void threeLevelOverrideChains() throws Exception {
        Compiled c = compile(
            "dispatch.A", HEADER + """
                public class A {
                    @Async String who(int n) {
                        return Log.add("A" + await(Src.i(n)));
                    }
                }
                """,
            "dispatch.B", HEADER + """
                public class B extends A {
                    @Async String who(int n) {
                        return Log.add("B" + await(Src.i(n + 1)));
                    }
                }
                """,
            "dispatch.C", HEADER + """
                public class C extends B {
                    @Async String who(int n) {
                        int m = await(Src.i(n + 2));
                        return "C" + m + Log.add("c");
                    }
                }
                """,
            "dispatch.D", HEADER + """
                /** Inherits C's. */
                public class D extends C {
                }
                """,
            "dispatch.E", HEADER + """
                /** A plain override in the middle of the chain. */
                public class E extends B {
                    String who(int n) {
                        return Log.add("E plain " + n);
                    }
                }
                """,
            "dispatch.F", HEADER + """
                /** @Async again below the plain override. */
                public class F extends E {
                    @Async String who(int n) {
                        return "F" + await(Src.i(n * 10));
                    }
                }
                """,
            "dispatch.G", HEADER + """
                /** The async super call: C's own template, then more. */
                public class G extends C {
                    @Async String who(int n) {
                        String up = await(CAsync.who_super(this, n));
                        return Log.add("G over " + up + await(Src.i(n)));
                    }
                }
                """);
        for (String k : List.of("A", "B", "C", "D", "E", "F", "G")) {
            check(c, "dispatch.A", "who", () -> c.instance("dispatch." + k), 1);
            if (!k.equals("A")) {
                check(c, "dispatch.B", "who", () -> c.instance("dispatch." + k), 2);
            }
        }
    }

    static final String[] REPOS = {
        "dispatch.Repo", HEADER + """
            /** A generic interface: implementations with concrete types get bridge methods. */
            public interface Repo<T, ID> {
                @Async T find(ID id);

                @Async default List<T> findAll(List<ID> ids) {
                    List<T> out = new ArrayList<>();
                    for (ID id : ids) {
                        out.add(await(RepoAsync.find(this, id)));
                    }
                    return out;
                }
            }
            """,
        "dispatch.UserRepo", HEADER + """
            public class UserRepo implements Repo<String, Long> {
                @Async public String find(Long id) {
                    return Log.add("user" + await(Src.l(id)));
                }

                /** An overload the bridge must not be mistaken for. */
                public String find(String name) {
                    return Log.add("by name " + name);
                }
            }
            """,
        "dispatch.PlainUserRepo", HEADER + """
            public class PlainUserRepo implements Repo<String, Long> {
                public String find(Long id) {
                    return Log.add("plain user " + id);
                }
            }
            """,
        "dispatch.AbstractRepo", HEADER + """
            /** Fixes ID only; T stays open. */
            public abstract class AbstractRepo<T> implements Repo<T, Long> {
            }
            """,
        "dispatch.ItemRepo", HEADER + """
            public class ItemRepo extends AbstractRepo<Integer> {
                @Async public Integer find(Long id) {
                    return await(Src.i(id.intValue())) * 10;
                }
            }
            """,
    };

    @Test
    void genericInterfaceImplementedWithConcreteTypes() throws Exception {
        Compiled c = compile(REPOS);
        for (String repo : List.of("UserRepo", "PlainUserRepo", "ItemRepo")) {
            check(c, "dispatch.Repo", "find", () -> c.instance("dispatch." + repo), 7L);
            check(c, "dispatch.Repo", "findAll", () -> c.instance("dispatch." + repo), List.of(1L, 2L));
        }
    }

    @Test
    void implementationsCompiledSeparately(@TempDir Path dir) throws Exception {
        List<String> api = new ArrayList<>(List.of(SHAPES));
        api.addAll(List.of(REPOS));
        api.addAll(List.of(JOBS));
        Compiled first = compile(api.toArray(new String[0]));
        SeparateCompilation second = SeparateCompilation.against(first, "dispatch.Shape", dir,
            "ext.Triangle", """
                package ext;
                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.processor.oracle.Log;
                import dev.jawait.processor.oracle.Src;
                import dispatch.Shape;
                import dispatch.ShapeAsync;

                public class Triangle implements Shape {
                    @Async public int area() {
                        return Log.i("triangle", await(Src.i(6)));
                    }

                    @Async public String describe() {
                        return "triangle: " + await(ShapeAsync.describe_super(this));
                    }

                    public String name() {
                        return "triangle";
                    }

                    /** A nested implementation: its companion is ext.Triangle_HalfAsync. */
                    public static class Half extends Triangle {
                        @Async public int area() {
                            return await(Src.i(3)) + Log.i("half", 0);
                        }
                    }
                }
                """,
            "ext.TripleJob", """
                package ext;
                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.processor.oracle.Log;
                import dev.jawait.processor.oracle.Src;
                import dispatch.Job;

                /** A protected @Async override in another package: its entry is not public. */
                public class TripleJob extends Job {
                    @Async protected int step(int input) {
                        Log.add("tripling");
                        return await(Src.i(input * 3));
                    }
                }
                """,
            "ext.OrderRepo", """
                package ext;
                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.processor.oracle.Log;
                import dev.jawait.processor.oracle.Src;
                import dispatch.Repo;

                public class OrderRepo implements Repo<String, Integer> {
                    @Async public String find(Integer id) {
                        return Log.add("order " + await(Src.i(id)));
                    }
                }
                """);
        for (String impl : List.of("ext.Triangle", "ext.Triangle$Half")) {
            check(first, "dispatch.Shape", "area", () -> second.instance(impl));
            check(first, "dispatch.Shape", "describe", () -> second.instance(impl));
        }
        check(first, "dispatch.Job", "run", () -> second.instance("ext.TripleJob"));
        check(first, "dispatch.Job", "step", () -> second.instance("ext.TripleJob"), 4);
        check(first, "dispatch.Repo", "find", () -> second.instance("ext.OrderRepo"), 3);
        check(first, "dispatch.Repo", "findAll", () -> second.instance("ext.OrderRepo"), List.of(4, 5));
    }

    @Test
    void receiverClassesBeyondTheInlineCacheStillDispatchCorrectly() throws Throwable {
        List<String> sources = new ArrayList<>(List.of("dispatch.Op", HEADER + """
                public interface Op {
                    @Async int apply(int x);
                }
                """));
        int classes = 7;   // more than DispatchSite.INLINE_CLASSES: the rest go through the ClassValue
        for (int k = 1; k <= classes; k++) {
            String body = k % 2 == 1
                    ? "@Async public int apply(int x) { return await(dev.jawait.Future.ready(x)) * " + k + "; }"
                    : "public int apply(int x) { return x * " + k + "; }";
            sources.addAll(List.of("dispatch.Op" + k, HEADER + "public class Op" + k + " implements Op {\n"
                    + body + "\n}\n"));
        }
        Compiled c = compile(sources.toArray(new String[0]));
        Method apply = c.load("dispatch.Op").getMethod("apply", int.class);
        for (int round = 0; round < 3; round++) {
            for (int k = classes; k >= 1; k--) {
                Object op = c.instance("dispatch.Op" + k);
                Object future = c.call("dispatch.OpAsync", "apply", op, round + 10);
                assertEquals(apply.invoke(op, round + 10), Compiled.run((dev.jawait.Future<?>) future),
                        "Op" + k + " in round " + round);
            }
        }
    }

    @Test
    void finalAndStaticMethodsKeepTheDirectPathAndEveryTemplateHasItsOwnEntry() {
        Compiled c = compile(SHAPES);
        String square = c.source("dispatch.SquareAsync");
        assertTrue(square.contains("if (self.getClass() == Square.class)"), square);
        assertTrue(square.contains("public static Future<Integer> area_super(Square self)"), square);
        String shape = c.source("dispatch.ShapeAsync");
        assertTrue(!shape.contains("area_super") && !shape.contains("getClass()"),
                "an interface's companion has no fast path and no entry of an abstract method:\n" + shape);
        Compiled f = compile("dispatch.Fixed", HEADER + """
                public final class Fixed {
                    @Async int twice(int x) {
                        return await(Src.i(x)) * 2;
                    }

                    @Async static int once(int x) {
                        return await(Src.i(x));
                    }
                }
                """);
        String fixed = f.source("dispatch.FixedAsync");
        assertTrue(fixed.contains("return new Fixed_StateMachines.twice_StateMachine(self, x);")
                && !fixed.contains("Dispatchers") && !fixed.contains("once_super"), fixed);
    }

    // ---- harness ----------------------------------------------------------------------------

    private static Compiled compile(String... namesAndSources) {
        Compiled c = Compiled.ok(namesAndSources);
        assertEquals(List.of(), c.generatedWarnings(), "javac warned in generated code");
        return c;
    }

    /** {@code owner.method} run on {@code receiver} directly (Java dispatch) and through {@code ownerAsync.method}. */
    private static void check(Compiled c, String owner, String method, Callable<Object> receiver, Object... args)
            throws Exception {
        Method direct = only(c.load(owner), method, args.length, false);
        Method companion = only(c.load(owner + "Async"), method, args.length + 1, true);
        Object sample = receiver.call();
        String label = owner + "." + method + " on " + sample.getClass().getName();
        ShapeOracle.Invocation invocation = new ShapeOracle.Invocation() {
            @Override
            public Object receiver(Method unused) throws ReflectiveOperationException {
                try {
                    return receiver.call();
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public Object[] arguments() {
                return args.clone();
            }
        };
        new ShapeOracle(null, POOL, RUNNER, invocation).check(label, direct, companion, label);
    }

    private static Method only(Class<?> type, String name, int parameters, boolean isStatic) {
        Method found = null;
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == parameters && !m.isBridge()
                    && Modifier.isStatic(m.getModifiers()) == isStatic) {
                assertTrue(found == null, "two " + name + " in " + type);
                found = m;
            }
        }
        assertTrue(found != null, "no " + name + "/" + parameters + " in " + type);
        found.setAccessible(true);
        return found;
    }
}
