package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** @Async helpers with parameters, recursion through the own companion, chains of async calls. */
public class Recursion {

    @Async
    static int factorial(int n) {
        if (n <= 1) return await(Src.i(1));
        return n * await(RecursionAsync.factorial(n - 1));
    }

    @Async
    static int fib(int n) {
        if (n < 2) return n;
        return await(RecursionAsync.fib(n - 1)) + await(RecursionAsync.fib(n - 2));
    }

    @Async
    static boolean isEven(int n) {
        return n == 0 || await(RecursionAsync.isOdd(n - 1));
    }

    @Async
    static boolean isOdd(int n) {
        return n != 0 && await(RecursionAsync.isEven(n - 1));
    }

    @Async
    static String describe(String label, int value) {
        return Log.add(label + "=" + await(Src.i(value)));
    }

    @Async
    static void record(String what) {
        await(Src.tick());
        Log.add("record " + what);
    }

    @Async
    static int sumTo(int n, int acc) {
        if (n == 0) return acc;
        return await(RecursionAsync.sumTo(n - 1, acc + await(Src.i(n))));
    }

    @Async
    static int mayFail(int n) throws IOException {
        if (n < 0) throw new IOException("negative " + n);
        return await(Src.io(n));
    }

    @Async
    static int countDown(int n) {
        if (n < 0) throw new IllegalStateException("below zero");
        Log.i("count", n);
        return n == 0 ? await(RecursionAsync.countDown(n - 1)) : await(RecursionAsync.countDown(n - 1)) + 1;
    }

    @Async
    static int shapeFactorial() {
        return await(RecursionAsync.factorial(6));
    }

    @Async
    static int shapeFibonacci() {
        return await(RecursionAsync.fib(7));
    }

    @Async
    static boolean shapeMutualRecursion() {
        return await(RecursionAsync.isEven(6)) && !await(RecursionAsync.isOdd(4));
    }

    @Async
    static String shapeHelperWithArgs() {
        return await(RecursionAsync.describe(Log.add("first"), 1)) + await(RecursionAsync.describe("second", 2));
    }

    @Async
    static String shapeVoidHelper() {
        await(RecursionAsync.record("a"));
        Void v = await(RecursionAsync.record("b"));
        return Log.add("done " + v);
    }

    @Async
    static int shapeTailLikeRecursion() {
        return await(RecursionAsync.sumTo(5, 0));
    }

    @Async
    static String shapeCheckedHelperFailure() {
        StringBuilder out = new StringBuilder();
        for (int n : new int[] {2, -1}) {
            try {
                out.append(await(RecursionAsync.mayFail(n)));
            } catch (IOException e) {
                out.append("[").append(e.getMessage()).append("]");
            }
        }
        return out.toString();
    }

    @Async
    static String shapeRecursionThrowsFromDepth() {
        try {
            return "got " + await(RecursionAsync.countDown(3));
        } catch (IllegalStateException e) {
            return Log.add("caught " + e.getMessage());
        }
    }

    @Async
    static int shapeCompanionFuturesCreatedFirstAwaitedLater() {
        Future<Integer> a = RecursionAsync.factorial(3);
        Future<Integer> b = RecursionAsync.factorial(4);
        Log.add("created");
        int second = await(b);
        int first = await(a);
        return first * 1000 + second;
    }

    @Async
    static List<Integer> shapeAsyncCallsInLoop() {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            out.add(await(RecursionAsync.fib(i + 2)));
        }
        return out;
    }
}
