package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** @Async methods in nested classes: companions Nested_InnerAsync, Nested_Inner_DeepAsync. */
public class Nested {

    static String tag(String s) {
        return Log.add("tag:" + s);
    }

    public static class Inner {
        int hits;

        @Async
        static int twice(int v) {
            return 2 * await(Src.i(v));
        }

        @Async
        int shapeNestedInstance() {
            hits += await(Src.i(1));
            hits += await(Nested_InnerAsync.twice(hits));
            return hits;
        }

        @Async
        static String shapeNestedStatic() {
            return tag(await(Src.s("inner"))) + await(Nested_InnerAsync.twice(4));
        }

        public static class Deep {
            String label = "deep";

            @Async
            String shapeDeeplyNested() {
                label += await(Src.s("+"));
                return label + await(Nested_InnerAsync.twice(1));
            }
        }
    }

    @Async
    static String shapeOuterCallsNestedCompanions() {
        Inner inner = new Inner();
        int a = await(Nested_InnerAsync.shapeNestedInstance(inner));
        String b = await(Nested_Inner_DeepAsync.shapeDeeplyNested(new Inner.Deep()));
        return a + b + inner.hits;
    }

    @Async
    static String shapeOuterUsesNestedStaticHelper() {
        return tag("x" + await(Nested_InnerAsync.twice(await(Src.i(3)))));
    }
}
