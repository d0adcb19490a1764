package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** A local class declared in a method that awaits (split out: the processor may reject it). */
public class LocalClasses {

    @Async
    static int shapeLocalClassWithoutAwait() {
        class Acc {
            int sum;

            void add(int v) {
                sum += Log.i("add", v);
            }
        }
        Acc acc = new Acc();
        acc.add(await(Src.i(1)));
        acc.add(await(Src.i(2)));
        return acc.sum;
    }
}
