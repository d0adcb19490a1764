package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Src;

/**
 * Prefix signs next to each other: javac reads {@code -2} as one negative literal, so
 * {@code - -2} and {@code - -x} must keep their space when printed (found by the fuzz test:
 * {@code --2} does not compile, {@code --x} decrements).
 */
public class Signs {
    private static int p = 7;

    @Async
    static String shapeMinusOfANegativeLiteral() {
        int a = await(Src.i(3));
        int b = - -2;
        long c = - -9L;
        double d = + -1.5;
        return a + " " + b + " " + c + " " + d;
    }

    @Async
    static String shapeMinusOfMinusAndPlusOfPlus() {
        p = 7;   // each run (template, companion) starts from the same state
        int x = await(Src.i(4));
        int y = - -x;
        int z = + +x;
        int w = - - -x;
        return x + " " + y + " " + z + " " + w + " " + (- -p) + " " + (- --p) + " " + p;
    }

    @Async
    static String shapeSignsAroundAnAwait() {
        int v = - -await(Src.i(5)) - -await(Src.i(6));
        return v + " " + (- -(await(Src.i(1)) - 2));
    }
}
