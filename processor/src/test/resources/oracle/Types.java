package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** @Async methods on interfaces (default and static), enums and records, called via companions. */
public class Types implements Greeter {

    enum Level {
        LOW, HIGH;

        @Async
        String describe(int boost) {
            return name() + (ordinal() + await(Src.i(boost)));
        }
    }

    record Point(int x, int y) {
        @Async
        int scaledSum(int factor) {
            return (x + await(Src.i(y))) * factor;
        }

        @Async
        static Point origin() {
            return new Point(await(Src.i(0)), 0);
        }
    }

    @Override
    public String name() {
        return Log.add("types");
    }

    @Async
    String shapeInterfaceDefaultMethod() {
        return await(GreeterAsync.greet(this, "hi ")) + await(GreeterAsync.shout("x"));
    }

    @Async
    static String shapeEnumInstanceMethod() {
        StringBuilder out = new StringBuilder();
        for (Level l : Level.values()) {
            out.append(await(Types_LevelAsync.describe(l, 10))).append(' ');
        }
        return out.toString();
    }

    @Async
    static int shapeRecordMethods() {
        Point p = new Point(await(Src.i(2)), 3);
        Point o = await(Types_PointAsync.origin());
        return await(Types_PointAsync.scaledSum(p, 10)) + o.x() + p.y();
    }
}

interface Greeter {
    String name();

    @Async
    default String greet(String prefix) {
        return prefix + name() + await(Src.s("!"));
    }

    @Async
    static String shout(String s) {
        return await(Src.s(s)).toUpperCase();
    }
}
