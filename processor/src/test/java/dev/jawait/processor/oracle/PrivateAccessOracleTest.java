package dev.jawait.processor.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The oracle for private members reached from the state machine (issue 17): evaluation order of
 * compound assignments and increments on private fields around an await, private members on a
 * receiver that awaits, and private constructors. Each template's shapes run directly and as the
 * companion on both runtimes with every source ready, pending and failing ({@link ShapeOracle}).
 * The helpers {@code bump*} change the fields while the shape's await is pending, so a field read
 * on the wrong side of the await gives a different result.
 *
 * <pre>{@code
 * mvn -o -pl processor -am test -Dtest=PrivateAccessOracleTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PrivateAccessOracleTest {
    private static final RuntimePool POOL = new RuntimePool();
    private static final BoundedRunner RUNNER = new BoundedRunner("private-access-oracle");
    private static final Pattern SHAPE = Pattern.compile("@Async\\b[^;{]*?\\b(shape\\w*)\\s*\\(\\s*\\)", Pattern.DOTALL);

    private static final String HEADER = """
            package oracle;

            import static dev.jawait.Await.await;

            import dev.jawait.Async;
            import dev.jawait.processor.oracle.Log;
            import dev.jawait.processor.oracle.Src;
            """;

    @AfterAll
    static void release() {
        POOL.close();
        RUNNER.close();
        Src.shutdown();
    }

    /** Java reads {@code e.f} before the right side runs, whatever kind of field {@code f} is. */
    static final String ORDER = HEADER + """
            public class PrivateOrder {
                private int pI = 10;
                private static int sI = 100;
                private String pS = "a";
                private long pL = 3;
                private byte pB = 125;
                private char pC = 'a';
                private double pD = 1.5;
                private Integer pBoxed = 20;
                private int[] pArr = {1, 2, 3};
                int open = 10;

                static final class Other {
                    private int v = 50;
                    private static int sv = 7;
                }

                /** Changes every field of {@code o}, then awaits: the caller's await is pending meanwhile. */
                @Async
                static int bump(PrivateOrder o) {
                    o.pI += 5;
                    sI += 5;
                    o.pS += "!";
                    o.pL += 1;
                    o.pB += 5;
                    o.pC++;
                    o.pD *= 2;
                    o.pBoxed += 5;
                    o.pArr[0] += 5;
                    o.open += 5;
                    return await(Src.i(1));
                }

                @Async
                static int bumpOther(Other o) {
                    o.v += 5;
                    Other.sv += 5;
                    return await(Src.i(2));
                }

                private static Other receiver(Other o) {
                    Log.add("receiver");
                    return o;
                }

                private String show() {
                    return pI + " " + pS + " " + pL + " " + pB + " " + pC + " " + pD + " " + pBoxed
                            + " " + pArr[0] + " " + open;
                }

                @Async
                static String shapeQualifiedCompound() {
                    PrivateOrder obj = new PrivateOrder();
                    obj.pI -= await(PrivateOrderAsync.bump(obj));
                    return Log.add(obj.show());
                }

                @Async
                String shapeThisAndImplicitCompound() {
                    this.pI -= await(PrivateOrderAsync.bump(this));
                    pI -= await(PrivateOrderAsync.bump(this));
                    return Log.add(show());
                }

                @Async
                static String shapeStaticCompound() {
                    sI = 100;
                    PrivateOrder obj = new PrivateOrder();
                    sI -= await(PrivateOrderAsync.bump(obj));
                    PrivateOrder.sI *= await(PrivateOrderAsync.bump(obj));
                    return Log.add(sI + " " + obj.show());
                }

                @Async
                static String shapeStringLongDoubleBoxedCompound() {
                    PrivateOrder obj = new PrivateOrder();
                    obj.pS += "<" + await(PrivateOrderAsync.bump(obj)) + ">";
                    obj.pL *= await(PrivateOrderAsync.bump(obj)) + 1;
                    obj.pD -= await(PrivateOrderAsync.bump(obj));
                    obj.pBoxed += await(PrivateOrderAsync.bump(obj));
                    return Log.add(obj.show());
                }

                @Async
                static String shapeNarrowingCompound() {
                    PrivateOrder obj = new PrivateOrder();
                    obj.pB += await(PrivateOrderAsync.bump(obj));
                    obj.pC += await(PrivateOrderAsync.bump(obj));
                    obj.pB <<= await(PrivateOrderAsync.bump(obj));
                    return Log.add(obj.show());
                }

                @Async
                static String shapeOtherClassThroughSideEffectingReceiver() {
                    Other o = new Other();
                    receiver(o).v -= await(PrivateOrderAsync.bumpOther(o));
                    Other.sv = 7;
                    Other.sv -= await(PrivateOrderAsync.bumpOther(o));
                    return Log.add(o.v + " " + Other.sv);
                }

                @Async
                static String shapeIncrementsAroundAwait() {
                    PrivateOrder obj = new PrivateOrder();
                    int a = obj.pI++ + await(PrivateOrderAsync.bump(obj)) + obj.pI;
                    int b = --obj.pI * await(PrivateOrderAsync.bump(obj)) + obj.pI--;
                    int c = await(Src.v(obj)).pI++ + ++await(Src.v(obj)).pI;
                    sI = 1;
                    int d = sI++ + await(PrivateOrderAsync.bump(obj)) + ++sI;
                    return Log.add(a + " " + b + " " + c + " " + d + " " + obj.show());
                }

                @Async
                static String shapeNonPrivateAndArrayElements() {
                    PrivateOrder obj = new PrivateOrder();
                    obj.open -= await(PrivateOrderAsync.bump(obj));
                    obj.pArr[0] -= await(PrivateOrderAsync.bump(obj));
                    obj.pArr[await(Src.i(1))] += await(PrivateOrderAsync.bump(obj));
                    return Log.add(obj.show() + " " + obj.pArr[1]);
                }
            }
            """;

    @Test
    void compoundAssignmentsAndIncrementsReadThePrivateFieldBeforeTheAwait() throws Exception {
        check("PrivateOrder", ORDER);
    }

    /** A private member whose receiver awaits: the receiver is lowered, the member reached through its bridge. */
    static final String RECEIVERS = HEADER + """
            public class PrivateReceivers {
                private int v;
                private String tag;

                PrivateReceivers(int v) {
                    this.v = v;
                    this.tag = "r" + v;
                }

                private int twice(int by) {
                    return Log.i("twice " + tag, v * 2 + by);
                }

                private void retag(String t) {
                    tag = Log.add(t);
                }

                static final class Box {
                    private int n = 6;
                    private static int total = 9;

                    private static int plus(int a) {
                        return Log.i("plus", a + total);
                    }
                }

                @Async
                static int shapeStaticPrivateMembersNamedThroughAwaitedValue() {
                    Box b = new Box();
                    return await(Src.v(b)).total + await(Src.v(b)).plus(await(Src.i(2))) + b.plus(1);
                }

                @Async
                static int shapeFieldOfAwaitedValue() {
                    PrivateReceivers r = new PrivateReceivers(3);
                    return Log.i("v", await(Src.v(r)).v + await(Src.v(r)).tag.length() + await(Src.v(new Box())).n);
                }

                @Async
                static int shapeFieldOfCastAwait() {
                    Object o = new PrivateReceivers(4);
                    return Log.i("cast", ((PrivateReceivers) await(Src.v(o))).v * 10 + ((PrivateReceivers) o).v);
                }

                @Async
                static String shapeFieldOfElementAtAwaitedIndex() {
                    PrivateReceivers[] arr = {new PrivateReceivers(1), new PrivateReceivers(2)};
                    return Log.add(arr[await(Src.i(1))].v + arr[await(Src.i(0))].tag);
                }

                @Async
                static int shapePrivateMethodsOnAwaitedReceiver() {
                    PrivateReceivers r = new PrivateReceivers(5);
                    await(Src.v(r)).retag("first");
                    int a = await(Src.v(r)).twice(await(Src.i(1)));
                    PrivateReceivers[] arr = {r};
                    return a + arr[await(Src.i(0))].twice(2);
                }

                @Async
                static String shapeWritesOnAwaitedReceiver() {
                    PrivateReceivers r = new PrivateReceivers(7);
                    Object o = r;
                    PrivateReceivers[] arr = {new PrivateReceivers(1), r};
                    await(Src.v(r)).v = 5;
                    await(Src.v(r)).v += await(Src.i(2));
                    await(Src.v(r)).tag += "!" + await(Src.s("?"));
                    ((PrivateReceivers) await(Src.v(o))).v *= 3;
                    arr[await(Src.i(0))].v = await(Src.i(9));
                    arr[await(Src.i(1))].v--;
                    ++await(Src.v(arr[0])).v;
                    return Log.add(r.v + r.tag + arr[0].v);
                }
            }
            """;

    @Test
    void privateMembersOnAReceiverThatAwaits() throws Exception {
        check("PrivateReceivers", RECEIVERS);
    }

    /** Private constructors (the static-factory shape) and private members of nested enums, records and interfaces. */
    static final String CONSTRUCTORS = HEADER + """
            public class PrivateCtors {
                private final int value;
                private final String how;

                public PrivateCtors() {
                    this(0, "default");
                }

                private PrivateCtors(int value) {
                    this(value, "int ");
                }

                private PrivateCtors(int value, String how) {
                    this.value = value;
                    this.how = how;
                }

                static final class Nested<T> {
                    private final T item;

                    private Nested(T item) {
                        this.item = Log.v("nested", item);
                    }
                }

                record Point(int x, int y) {
                    private Point(int both) {
                        this(both, both + 1);
                    }
                }

                enum Color {
                    RED(1), GREEN(2);

                    private final int code;

                    Color(int code) {
                        this.code = code;
                    }

                    private String show() {
                        return Log.add(name() + code);
                    }
                }

                interface Described {
                    private static String describe(int n) {
                        return Log.add("described " + n);
                    }
                }

                class Inner {
                    private final int n;

                    private Inner(int n) {
                        this.n = Log.i("inner", n + value);
                    }
                }

                @Async
                static PrivateCtors create() {
                    return new PrivateCtors(await(Src.i(4)));
                }

                @Async
                static String shapeStaticFactory() {
                    PrivateCtors p = await(PrivateCtorsAsync.create());
                    return Log.add(p.how + p.value);
                }

                @Async
                static int shapePrivateConstructorsAroundAwait() {
                    PrivateCtors a = new PrivateCtors(1);
                    int x = await(Src.i(2));
                    return Log.i("sum", a.value + new PrivateCtors(x, "again").value
                            + new PrivateCtors(await(Src.i(3)), await(Src.s("both"))).value);
                }

                @Async
                static String shapeGenericNestedClassWithDiamond() {
                    Nested<String> n = new Nested<>(await(Src.s("s")));
                    Nested<Number> m = new Nested<>(await(Src.i(3)));
                    Nested<Integer> k = new Nested<Integer>(7);
                    return Log.add(n.item + m.item + k.item);
                }

                @Async
                static String shapePrivateConstructorReference() {
                    java.util.function.Function<String, Nested<String>> make = Nested::new;
                    java.util.function.IntFunction<Point> point = Point::new;
                    return Log.add(make.apply(await(Src.s("ref"))).item + point.apply(await(Src.i(8))));
                }

                @Async
                static int shapeRecordPrivateConstructor() {
                    Point p = new Point(await(Src.i(5)));
                    return Log.i("point", p.x() * 10 + p.y());
                }

                @Async
                int shapeInnerClassPrivateConstructor() {
                    Inner i = new Inner(await(Src.i(1)));
                    PrivateCtors other = new PrivateCtors(10);
                    Inner j = other.new Inner(await(Src.i(2)));
                    Inner k = this.new Inner(3);
                    return i.n + j.n + k.n;
                }

                @Async
                static String shapePrivateMembersOfNestedEnumAndInterface() {
                    Color c = await(Src.v(Color.GREEN));
                    return c.show() + Color.RED.show() + c.code + Described.describe(await(Src.i(2)));
                }
            }
            """;

    @Test
    void privateConstructorsAndMembersOfNestedTypes() throws Exception {
        check("PrivateCtors", CONSTRUCTORS);
    }

    /** Compiles {@code text} (top-level class {@code oracle.<name>}) and checks each of its shapes. */
    private static void check(String name, String text) throws Exception {
        List<String> shapes = new ArrayList<>();
        Matcher m = SHAPE.matcher(text);
        while (m.find()) {
            shapes.add(m.group(1));
        }
        assertTrue(!shapes.isEmpty(), name + " declares no shape");
        TemplateSource source = new TemplateSource(name, text, shapes);
        CompiledTemplate compiled = RUNNER.call(() -> CompiledTemplate.compile(source), java.time.Duration.ofMinutes(2));
        assertTrue(compiled.succeeded(),
                name + " does not compile through the processor:\n" + compiled.diagnostics());
        List<String> failures = new ArrayList<>();
        for (String shape : shapes) {
            if (compiled.isolated(shape).isPresent()) {
                failures.add(shape + " does not compile: " + compiled.isolated(shape).get());
                continue;
            }
            try {
                new ShapeOracle(compiled, POOL, RUNNER).check(shape);
            } catch (AssertionError mismatch) {
                failures.add(mismatch.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }
}
