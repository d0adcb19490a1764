package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** Overload resolution must not change when values are spilled into state-machine fields. */
public class Overloads {

    static String show(int v) {
        return Log.add("int " + v);
    }

    static String show(long v) {
        return Log.add("long " + v);
    }

    static String show(char v) {
        return Log.add("char " + v);
    }

    static String show(Integer v) {
        return Log.add("Integer " + v);
    }

    static String show(Object v) {
        return Log.add("Object " + v);
    }

    static String show(double v) {
        return Log.add("double " + v);
    }

    static String pair(int a, Object b) {
        return Log.add("int,Object " + a + b);
    }

    static String pair(Object a, int b) {
        return Log.add("Object,int " + a + b);
    }

    @Async
    static String shapeSpilledPrimitivesKeepTheirOverload() {
        int i = await(Src.i(1));
        long l = await(Src.l(2L));
        char c = await(Src.v('c'));
        double d = await(Src.i(4));
        await(Src.tick());
        return show(i) + show(l) + show(c) + show(d);
    }

    @Async
    static String shapeAwaitResultIsBoxed() {
        return show(await(Src.i(1))) + show(await(Src.s("s"))) + show((Object) await(Src.i(2)));
    }

    @Async
    static String shapeTernaryTypeDecidesOverload() {
        boolean yes = await(Src.b(true));
        // await is generic (returns T), so a cast makes these numeric conditionals, as in real code
        String a = show(yes ? 1 : (Integer) await(Src.i(2)));
        String b = show(yes ? (Integer) await(Src.i(3)) : (Integer) await(Src.i(4)));
        String c = show(yes ? await(Src.i(5)) : "text");
        String d = show(yes ? 'x' : (Character) await(Src.v('y')));
        return a + b + c + d;
    }

    @Async
    static String shapeArithmeticResultTypes() {
        char c = await(Src.v('a'));
        byte b = 1;
        short s = (short) (0 + await(Src.i(2)));
        return show(c + 1) + show(b + s) + show(await(Src.i(1)) + 1L) + show(c) + show((char) (c + await(Src.i(1))));
    }

    @Async
    static String shapeTwoArgumentOverloads() {
        int i = await(Src.i(1));
        Integer boxed = await(Src.i(2));
        return pair(i, boxed) + pair(boxed, i);
    }

    @Async
    static String shapeCompoundResultType() {
        short s = 1;
        s += await(Src.i(2));
        char c = 'a';
        c++;
        c += await(Src.i(1));
        return show(s) + show(c) + show(s += 1);
    }
}
