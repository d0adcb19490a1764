package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Lambdas, method references and anonymous classes that don't await, next to awaits. */
public class Lambdas {

    @Async
    static String shapeLambdaCapturesAwaitedValue() {
        String v = await(Src.s("captured"));
        Supplier<String> s = () -> Log.add("lambda " + v);
        await(Src.tick());
        return s.get();
    }

    @Async
    static List<Integer> shapeLambdaCapturesLoopLocalPerIteration() {
        List<IntSupplier> suppliers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int copy = await(Src.i(i * 10));
            suppliers.add(() -> copy + 1);
        }
        List<Integer> out = new ArrayList<>();
        for (IntSupplier s : suppliers) out.add(s.getAsInt());
        return out;
    }

    @Async
    static List<String> shapeLambdaCapturesForEachVariable() {
        List<Supplier<String>> suppliers = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            suppliers.add(() -> name + "!");
            await(Src.tick());
        }
        return suppliers.stream().map(Supplier::get).collect(Collectors.toList());
    }

    @Async
    static String shapeAnonymousClassCapturesLocals() {
        int base = await(Src.i(5));
        Comparator<String> byDistance = new Comparator<>() {
            @Override
            public int compare(String a, String b) {
                return Math.abs(a.length() - base) - Math.abs(b.length() - base);
            }
        };
        List<String> words = new ArrayList<>(List.of("x", "hello", "worlds", "abcd"));
        words.sort(byDistance);
        return words + " " + await(Src.s("ok"));
    }

    @Async
    static int shapeLambdaCalledBetweenAwaits() {
        UnaryOperator<Integer> twice = x -> Log.i("twice", x * 2);
        int a = twice.apply(await(Src.i(3)));
        int b = twice.apply(await(Src.i(a)));
        return b;
    }

    @Async
    static String shapeStreamsOverAwaitedList() {
        List<Integer> nums = await(Src.v(List.of(5, 3, 8, 1)));
        int threshold = await(Src.i(3));
        return nums.stream().filter(n -> n > threshold).sorted().map(String::valueOf).collect(Collectors.joining("+"));
    }

    @Async
    static String shapeMethodReferences() {
        Supplier<String> upper = await(Src.s("abc"))::toUpperCase;
        java.util.function.Function<String, Integer> len = String::length;
        return upper.get() + len.apply(await(Src.s("four")));
    }

    @Async
    static String shapeLambdaCapturingEffectivelyFinalAfterBranch() {
        String chosen;
        if (await(Src.b(true))) {
            chosen = "yes";
        } else {
            chosen = "no";
        }
        Runnable r = () -> Log.add("chosen " + chosen);
        r.run();
        await(Src.tick());
        r.run();
        return chosen;
    }

    @Async
    static String shapeLambdaReturningFuturesAwaitedOutside() {
        java.util.function.IntFunction<dev.jawait.Future<String>> make = n -> Src.s("v" + n);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            out.append(await(make.apply(i)));
        }
        return out.toString();
    }
}
