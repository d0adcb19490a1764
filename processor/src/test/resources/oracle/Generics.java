package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Generic methods and a generic class: type parameters on helpers, receivers and locals. */
public class Generics<T extends Comparable<T>> {
    final List<T> items = new ArrayList<>();

    @Async
    static <T> T identity(T value) {
        return await(Src.v(value));
    }

    @Async
    static <T extends Comparable<T>> T max(List<T> values) {
        T best = null;
        for (T v : values) {
            T seen = await(Src.v(v));
            if (best == null || seen.compareTo(best) > 0) best = seen;
        }
        return best;
    }

    @Async
    static <A, B> Map<A, B> zip(List<A> keys, List<B> values) {
        Map<A, B> out = new TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), await(Src.v(values.get(i))));
        }
        return out;
    }

    @Async
    static <T, R> List<R> mapAll(List<T> in, Function<T, Future<R>> f) {
        List<R> out = new ArrayList<>();
        for (T t : in) out.add(await(f.apply(t)));
        return out;
    }

    @Async
    T add(T item) {
        items.add(await(Src.v(item)));
        return items.get(items.size() - 1);
    }

    @Async
    T largest() {
        T best = items.get(0);
        for (T t : items) {
            if (await(Src.v(t)).compareTo(best) > 0) best = t;
        }
        return best;
    }

    @Async
    static String shapeGenericIdentity() {
        String s = await(GenericsAsync.identity("text"));
        Integer i = await(GenericsAsync.<Integer>identity(42));
        return Log.add(s + i);
    }

    @Async
    static int shapeBoundedGeneric() {
        return await(GenericsAsync.max(List.of(3, 9, 2)));
    }

    @Async
    static String shapeTwoTypeParameters() {
        return await(GenericsAsync.zip(List.of("b", "a"), List.of(2, 1))).toString();
    }

    @Async
    static List<String> shapeGenericWithFunctionArg() {
        return await(GenericsAsync.mapAll(List.of(1, 2, 3), n -> Src.s("n" + n)));
    }

    @Async
    String shapeInstanceOfGenericClass() {
        Generics<String> g = new Generics<>();
        await(GenericsAsync.add(g, "pear"));
        await(GenericsAsync.add(g, "apple"));
        await(GenericsAsync.add(g, "zucchini"));
        return await(GenericsAsync.largest(g)) + g.items;
    }

    @Async
    T shapeGenericSelfField() {
        T none = items.isEmpty() ? await(Src.<T>v(null)) : items.get(0);
        Log.add("none " + none);
        return none;
    }

    @Async
    static String shapeGenericLocalsAcrossAwait() {
        List<Map<String, List<Integer>>> nested = new ArrayList<>();
        Map<String, List<Integer>> m = new TreeMap<>();
        m.put(await(Src.s("k")), new ArrayList<>(List.of(await(Src.i(1)))));
        nested.add(m);
        m.get("k").add(await(Src.i(2)));
        return nested.toString();
    }

    @Async
    static String shapeWildcards() {
        List<? extends Number> nums = await(Src.v(List.of(1, 2.5, 3L)));
        double sum = 0;
        for (Number n : nums) sum += n.doubleValue() + await(Src.i(0));
        List<? super Integer> sink = new ArrayList<Number>();
        sink.add(await(Src.i(7)));
        return sum + " " + sink;
    }

    @Async
    static String shapeGenericSortWithComparator() {
        List<String> words = new ArrayList<>(await(Src.v(List.of("ccc", "a", "bb"))));
        words.sort(Comparator.comparing(String::length));
        return words + " " + await(Src.s("sorted"));
    }
}
