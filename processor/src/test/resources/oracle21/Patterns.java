package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.List;

/** JDK 21+ pattern matching: pattern switch, guards, case null, record patterns, with awaits everywhere. */
public class Patterns {

    sealed interface Shape permits Circle, Square, Rect {}
    record Circle(int r) implements Shape {}
    record Square(int side) implements Shape {}
    record Rect(Point from, Point to) implements Shape {}
    record Point(int x, int y) {}
    record Box<T>(T content) {}
    record Pair(Object first, Object second) {}
    record Measure(double value, String unit) {}
    enum Color { RED, GREEN, BLUE }
    sealed interface Token permits Op, Num {}
    enum Op implements Token { PLUS, TIMES }
    record Num(int value) implements Token {}

    static Object[] samples() {
        return new Object[] {"hi", "hello", 7, 42L, new Circle(2), new Square(3), null, List.of(1, 2), 'c'};
    }

    static Shape[] shapes() {
        return new Shape[] {new Circle(1), new Square(4), new Rect(new Point(0, 0), new Point(3, 4)),
                new Rect(new Point(1, 1), new Point(1, 5))};
    }

    @Async
    static String shapeTypeSwitchAwaitInBodies() {
        StringBuilder out = new StringBuilder();
        for (Object o : samples()) {
            switch (o) {
                case String s -> out.append("S").append(await(Src.s(s)));
                case Integer n -> out.append("I").append(n + await(Src.i(1)));
                case Circle c -> {
                    await(Src.tick());
                    out.append("C").append(c.r());   // c lives across the await
                }
                case null -> out.append(Log.add("null")).append(await(Src.i(0)));
                default -> out.append("?").append(o.getClass().getSimpleName());
            }
            out.append(',');
        }
        return out.toString();
    }

    @Async
    static String shapeGuardsAwait() {
        StringBuilder out = new StringBuilder();
        for (Object o : samples()) {
            String r = switch (o) {
                case String s when s.length() > await(Src.i(3)) -> "long:" + s;
                case String s when await(Src.b(s.startsWith("h"))) -> "h:" + s;
                case String s -> "str:" + s;
                case Integer n when n > Log.i("guard", await(Src.i(10))) -> "big" + n;
                case Integer n -> "int" + n;
                case null, default -> "other";
            };
            out.append(r).append(',');
        }
        return out.toString();
    }

    @Async
    static String shapeGuardFailsThenLaterCase() {
        StringBuilder out = new StringBuilder();
        for (Object o : new Object[] {1, 5, 11, "x"}) {
            switch (o) {
                case Integer n when Log.i("g1", n) > await(Src.i(10)):
                    out.append("ten+").append(n);
                    break;
                case Integer n when Log.i("g2", n) > await(Src.i(3)):
                    out.append("three+").append(await(Src.i(n)));
                    break;
                case Integer n:
                    out.append("small").append(n);
                    break;
                default:
                    out.append("default");
            }
            out.append(';');
        }
        return out.toString();
    }

    @Async
    static String shapeSelectorAwaitOnly() {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            Object picked = k == 0 ? "a" : k == 1 ? (Object) 5 : k == 2 ? new Square(2) : null;
            switch (await(Src.v(picked))) {
                case String s when s.isEmpty() -> out.append("empty");
                case String s -> out.append("s=").append(s);
                case Integer n -> out.append("n=").append(n * 2);
                case Square(int side) -> out.append("sq=").append(side * side);
                case null -> out.append("null");
                default -> out.append("other");
            }
        }
        return out.toString();
    }

    @Async
    static int shapePatternSwitchWithoutAwaitBesideAwait() {
        int total = await(Src.i(1));
        for (Shape s : shapes()) {
            total += switch (s) {
                case Circle c -> c.r();
                case Square sq when sq.side() > 3 -> 100;
                case Square sq -> sq.side();
                case Rect(Point(var x1, var y1), Point p) -> p.x() - x1 + p.y() - y1;
            };
        }
        return total + await(Src.i(2));
    }

    @Async
    static String shapeNullSelectorWithoutCaseNull() {
        Object o = await(Src.v(null));
        switch (o) {
            case String s -> Log.add("string " + s);
            default -> Log.add("default " + await(Src.i(1)));
        }
        return "unreachable";
    }

    @Async
    static String shapeNullSelectorCaseNullDefault() {
        StringBuilder out = new StringBuilder();
        for (Object o : new Object[] {null, "x", 3}) {
            switch (o) {
                case Integer n -> out.append(await(Src.i(n)));
                case null, default -> out.append("nd").append(await(Src.s(String.valueOf(o))));
            }
        }
        return out.toString();
    }

    @Async
    static int shapeSealedExhaustiveRecordPatterns() {
        int sum = 0;
        for (Shape s : shapes()) {
            sum += switch (s) {
                case Circle(int r) -> r * await(Src.i(3));
                case Square(var side) when side > await(Src.i(3)) -> side * side;
                case Square(var side) -> -side;
                case Rect(Point(var x1, var y1), Point(int x2, int y2)) when x1 == x2 -> {
                    int h = await(Src.i(y2 - y1));
                    yield h * 1000;
                }
                case Rect(Point from, Point(int x2, int y2)) -> (x2 - from.x()) * (y2 - await(Src.i(from.y())));
            };
        }
        return sum;
    }

    @Async
    static String shapeInstanceofRecordPatternAcrossAwait() {
        StringBuilder out = new StringBuilder();
        Object[] values = {new Pair("a", 1), new Pair(null, 2.5), new Point(3, 4), new Measure(Double.NaN, "m")};
        for (Object o : values) {
            if (o instanceof Pair(var first, Integer second)) {
                await(Src.tick());
                out.append("pair ").append(first).append(second + 1);
            } else if (o instanceof Pair(Object first, Object second)) {
                out.append(await(Src.s("pair? "))).append(first).append('/').append(second);
            } else if (o instanceof Point(int x, int y) && x + await(Src.i(1)) == y) {
                out.append("point ").append(x * y);
            } else if (o instanceof Measure(double v, String unit)) {
                out.append(await(Src.s("measure "))).append(v).append(unit);   // NaN is bound too
            }
            out.append(';');
        }
        return out.toString();
    }

    @Async
    static String shapeGenericRecordPattern() {
        List<Box<String>> boxes = new ArrayList<>(List.of(new Box<>("x"), new Box<>(null), new Box<>("yz")));
        StringBuilder out = new StringBuilder();
        for (Box<String> b : boxes) {
            switch (b) {
                case Box<String>(String s) when s != null && await(Src.i(s.length())) > 1 -> out.append("long ").append(s);
                case Box<String>(var s) -> out.append("box ").append(await(Src.s(String.valueOf(s))));
            }
            out.append(',');
        }
        return out.toString();
    }

    @Async
    static String shapeColonPatternFallsIntoDefault() {
        StringBuilder out = new StringBuilder();
        for (Object o : new Object[] {"s", 4, 'q'}) {
            switch (o) {
                case String s:
                    out.append("str ").append(await(Src.s(s)));
                    break;
                case Integer n:
                    out.append("int ").append(n);
                    out.append(await(Src.i(n)));
                default:
                    out.append(" default");
            }
            out.append('|');
        }
        return out.toString();
    }

    @Async
    static String shapeEnumWithCaseNull() {
        StringBuilder out = new StringBuilder();
        for (Color c : new Color[] {Color.RED, null, Color.BLUE, Color.GREEN}) {
            out.append(switch (c) {
                case RED -> "r" + await(Src.i(1));
                case GREEN -> "g";
                case null -> "none" + await(Src.i(0));
                default -> "b";
            });
        }
        return out.toString();
    }

    @Async
    static String shapeStringConstantsAndPatterns() {
        StringBuilder out = new StringBuilder();
        for (String s : new String[] {"stop", "go", "wait", null, "longer"}) {
            switch (s) {
                case "stop", "halt" -> out.append(await(Src.s("STOP")));
                case "go" -> out.append("GO");
                case String t when t.length() > await(Src.i(4)) -> out.append("long:").append(t);
                case null -> out.append("nil");
                case String t -> out.append("other:").append(t);
            }
            out.append(' ');
        }
        return out.toString();
    }

    @Async
    static int shapeBoxedSelectorConstants() {
        int total = 0;
        for (Integer i : new Integer[] {1, 2, 300, null}) {
            total += switch (i) {
                case 1 -> await(Src.i(10));
                case 2 -> 20;
                case null -> -1;
                case Integer n when n > await(Src.i(100)) -> n;
                case Integer n -> 0;
            };
        }
        return total;
    }

    @Async
    static String shapeLoopControlInPatternSwitch() {
        StringBuilder out = new StringBuilder();
        outer:
        for (Object o : new Object[] {1, "skip", 2, new Circle(9), "end", 3}) {
            switch (o) {
                case Integer n when n == await(Src.i(2)) -> {
                    out.append("two");
                    continue;
                }
                case Integer n -> out.append(n);
                case String s when s.equals("skip") -> {
                    continue outer;
                }
                case String s -> {
                    out.append(await(Src.s(s)));
                    break outer;
                }
                default -> out.append("?");
            }
            out.append('.');
        }
        return out.toString();
    }

    @Async
    static String shapeSwitchExpressionSelectorEvaluatedOnce() {
        List<Object> seen = new ArrayList<>();
        String r = switch (Log.add(String.valueOf(await(Src.i(5)))).length() > 0 ? (Object) seen : "no") {
            case String s when s.isEmpty() -> "empty";
            case List<?> l when await(Src.b(l.isEmpty())) -> "list";
            default -> "other";
        };
        return r + Log.add("once");
    }

    @Async
    static String shapeInstanceofRecordInWhile() {
        Object current = new Box<Object>(new Box<Object>(new Box<Object>("core")));
        int depth = 0;
        while (current instanceof Box<?>(Object inner)) {
            depth += await(Src.i(1));
            current = inner;
        }
        return depth + ":" + current;
    }

    @Async
    static int shapeQualifiedEnumConstantsInSealedSwitch() {
        int acc;
        Token[] program = {new Num(3), Op.PLUS, new Num(4), Op.TIMES, new Num(5)};
        Op pending = Op.PLUS;
        acc = 0;
        for (Token token : program) {
            Op mode = pending;   // a guard reads only effectively final locals
            switch (token) {
                case Op.PLUS -> pending = Op.PLUS;
                case Op.TIMES -> pending = await(Src.v(Op.TIMES));
                case Num(int v) when mode == Op.PLUS -> acc += await(Src.i(v));
                case Num n -> acc *= n.value();
            }
            Log.i("acc", acc);
        }
        return acc;
    }

    @Async
    static String shapeBindingCapturedByLambdaAfterAwait() {
        List<java.util.function.Supplier<String>> later = new ArrayList<>();
        for (Object o : samples()) {
            switch (o) {
                case String s when await(Src.b(s.length() > 2)) -> later.add(() -> "long " + s);
                case Circle(int r) -> {
                    await(Src.tick());
                    later.add(() -> "circle " + r);   // each iteration captures its own r
                }
                default -> {
                }
            }
        }
        StringBuilder out = new StringBuilder();
        later.forEach(x -> out.append(x.get()).append(';'));
        return out.toString();
    }

    @Async
    static String shapeNestedPatternSwitches() {
        StringBuilder out = new StringBuilder();
        for (Object o : new Object[] {new Pair("a", new Circle(1)), new Pair(2, "b"), new Pair(null, null)}) {
            switch (o) {
                case Pair(String a, Object b) -> {
                    String inner = switch (b) {
                        case Circle(var r) when r > await(Src.i(0)) -> "circle" + r;
                        case Circle c -> "small";
                        default -> "x";
                    };
                    out.append(a).append(inner);
                }
                case Pair(Integer n, var b) -> out.append(await(Src.i(n))).append(b);
                case Pair p -> out.append(Log.add("pair ")).append(p.first());
                default -> out.append("?");
            }
            out.append('|');
        }
        return out.toString();
    }

    @Async
    static String shapePatternSwitchInLambdaAndPrintedInstanceof() {
        java.util.function.Function<Object, String> describe = x -> switch (x) {
            case Point(var a, var b) when a == b -> "diagonal";
            case Point p -> "point";
            case null, default -> "other";
        };
        Object o = await(Src.v((Object) new Point(2, 2)));
        String direct = o instanceof Point(int a, int b) ? "p" + (a + b) : "-";
        return describe.apply(o) + describe.apply(null) + direct;
    }

    @Async
    static int shapeColonYieldWithCaseNull() {
        int sum = 0;
        for (Object o : new Object[] {3, null, "four"}) {
            sum += switch (o) {
                case null:
                    Log.add("null");
                    yield await(Src.i(100));
                case Integer n when n > 2:
                    yield n * await(Src.i(10));
                case Integer n:
                    yield n;
                default:
                    yield o.toString().length();
            };
        }
        return sum;
    }

    @Async
    static int shapePrintedSwitchExpressionInAwaitingStatement() {
        int total = 0;
        for (Object o : samples()) {
            total += switch (o) {   // no await inside: printed as written, its bindings stay locals
                case String s when s.length() > 2 -> s.length();
                case Integer n -> n;
                case null, default -> 1;
            } * await(Src.i(2)) + (o instanceof Circle(int r) ? r * await(Src.i(100)) : 0);
        }
        return total;
    }
}
