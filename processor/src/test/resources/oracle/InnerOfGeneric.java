package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.List;

/**
 * Templates of inner classes of generic classes: the enclosing class's type parameters are in
 * scope of the receiver, so the companion method and the state machine declare them
 * ({@code static <T> Future<T> get(Box<T>.Inner self, Future<T> f)}).
 */
public class InnerOfGeneric {
    static class Box<T> {
        final String label;

        Box(String label) {
            this.label = label;
        }

        class Inner {
            final List<T> seen = new ArrayList<>();

            @Async
            T get(Future<T> f) {
                T value = await(f);
                seen.add(value);
                Log.add("got " + value);
                return value;
            }

            @Async
            List<T> both(Future<T> f, Future<T> g) {
                List<T> out = new ArrayList<>(List.of(await(f)));
                out.add(await(g));
                seen.addAll(out);
                return out;
            }

            class Deeper<U> {
                @Async
                <V> String all(Future<T> f, Future<U> g, Future<V> h) {
                    T t = await(f);
                    U u = await(g);
                    return Log.add(t + "/" + u + "/" + await(h));
                }
            }
        }

        /** Static: cannot see {@code T}, so its companion declares only its own {@code S}. */
        static class Nested<S> {
            @Async
            S id(Future<S> f) {
                return await(f);
            }
        }
    }

    @Async
    static String shapeInnerOfGenericReturnsTypeParameter() {
        Box<String>.Inner inner = new Box<String>("b").new Inner();
        String first = await(InnerOfGeneric_Box_InnerAsync.get(inner, Src.s("x")));
        String second = await(InnerOfGeneric_Box_InnerAsync.get(inner, Src.s("y")));
        return first + second + inner.seen;
    }

    @Async
    static String shapeInnerOfGenericWithListOfTypeParameter() {
        Box<Integer>.Inner inner = new Box<Integer>("n").new Inner();
        List<Integer> got = await(InnerOfGeneric_Box_InnerAsync.both(inner, Src.i(1), Src.i(2)));
        return got + " " + inner.seen;
    }

    @Async
    static String shapeGenericInnerOfInnerOfGeneric() {
        Box<String>.Inner inner = new Box<String>("d").new Inner();
        await(InnerOfGeneric_Box_InnerAsync.get(inner, Src.s("s")));
        Box<String>.Inner.Deeper<Long> deeper = inner.new Deeper<>();
        String first = await(InnerOfGeneric_Box_Inner_DeeperAsync.<String, Long, Boolean>all(deeper, Src.s("t"),
                Src.l(3L), Src.b(true)));
        return first + await(InnerOfGeneric_Box_Inner_DeeperAsync.all(deeper, Src.s("u"), Src.l(4L), Src.i(5)));
    }

    @Async
    static String shapeStaticNestedOfGeneric() {
        return await(InnerOfGeneric_Box_NestedAsync.id(new Box.Nested<String>(), Src.s("z")));
    }
}
