package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Local records, enums and interfaces: moved into the state machine when their block awaits,
 * printed in place when it does not. (A record's compact or explicit canonical constructor, or a
 * varargs component, is left out: javac 17 and 25 misreport them once an annotation processor
 * has attributed the class, JDK-8387215, before jawait is involved.)
 */
public class LocalTypes {

    interface Shape {
        int area();
    }

    @Async
    static String shapeLocalRecordAcrossAwaits() {
        record Point(int x, int y) implements Shape {
            static final Point ORIGIN = new Point(0, 0);

            Point(int both) {
                this(both, both);
            }

            public int area() {
                return x * y;
            }

            Point plus(Point other) {
                return new Point(x + other.x, y + other.y());
            }

            static Point twice(int v) {
                return new Point(v * 2);
            }
        }
        Point p = new Point(await(Src.i(3)), 4);
        Point q = p.plus(Point.twice(await(Src.i(1))));
        Map<Point, String> names = new HashMap<>();
        names.put(q, "q");
        Shape s = q;
        Log.add("area " + s.area());
        return p + " " + q + " " + Point.ORIGIN + " " + names.get(new Point(5, 6)) + " " + p.equals(new Point(3, 4));
    }

    @Async
    static String shapeGenericLocalRecordAndPattern() {
        record Pair<A, B>(A first, B second) {
            <C> Pair<A, C> withSecond(C c) {
                return new Pair<>(first, c);
            }
        }
        Object o = new Pair<>(await(Src.s("a")), await(Src.i(1)));
        if (o instanceof Pair<?, ?> pair) {
            Log.add("pair " + pair.first() + pair.second());
            return pair.withSecond(await(Src.l(2L))).toString();
        }
        return "no";
    }

    @Async
    static String shapeLocalEnumWithBodiesAndSwitch() {
        enum Op {
            ADD("+") {
                @Override
                int apply(int a, int b) {
                    return a + b;
                }
            },
            MUL("*") {
                @Override
                int apply(int a, int b) {
                    return a * b;
                }
            },
            NEG;

            private final String symbol;

            Op() {
                this("-");
            }

            Op(String symbol) {
                this.symbol = symbol;
            }

            int apply(int a, int b) {
                return -a;
            }
        }
        StringBuilder out = new StringBuilder();
        for (Op op : Op.values()) {
            int r = op.apply(await(Src.i(3)), 4);
            switch (op) {
                case ADD:
                    out.append("add");
                    break;
                case MUL:
                    out.append("mul").append(await(Src.i(9)));
                    break;
                default:
                    out.append("other");
            }
            out.append(op.symbol).append(r).append(' ');
        }
        return out + Op.valueOf("MUL").name() + Op.NEG.ordinal();
    }

    @Async
    static int shapeLocalInterfaceAcrossAwaits() {
        interface Counter {
            int LIMIT = 100;

            int next(int v);

            default int twice(int v) {
                return next(next(v));
            }

            static Counter by(int step) {
                return v -> Math.min(LIMIT, v + step);
            }
        }
        class Doubler implements Counter {
            public int next(int v) {
                return Log.i("double", v * 2);
            }
        }
        List<Counter> counters = new ArrayList<>();
        counters.add(Counter.by(await(Src.i(5))));
        counters.add(new Doubler());
        int total = 0;
        for (Counter c : counters) {
            total += c.twice(await(Src.i(10)));
        }
        return total + Counter.LIMIT;
    }

    @Async
    static String shapeLocalTypesInABlockWithoutAwait() {
        int v = await(Src.i(7));
        String out;
        {
            record Tag(String name, int n) {
                Tag(String name) {
                    this(name, name.length());
                }
            }
            enum Level { LOW, HIGH }
            interface Namer {
                String name(Level l);
            }
            Namer namer = l -> l.name().toLowerCase() + v;
            out = new Tag(namer.name(v > 5 ? Level.HIGH : Level.LOW)) + " " + Level.valueOf("LOW").compareTo(Level.HIGH);
        }
        return out + await(Src.s("!"));
    }

    @Async
    static List<String> shapeLocalRecordPerIteration() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            record Item(int index, String label) {
                String describe() {
                    return index + ":" + label;
                }
            }
            Item item = new Item(i, await(Src.s("l" + i)));
            out.add(item.describe());
            await(Src.tick());
            out.add(item.toString());
        }
        return out;
    }
}
