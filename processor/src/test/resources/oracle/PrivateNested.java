package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** Private constructor and members of a nested class (split out: the processor may reject it). */
public class PrivateNested {

    static final class Hidden {
        private int value;

        private Hidden(int value) {
            this.value = value;
        }

        private String show() {
            return Log.add("hidden " + value);
        }
    }

    @Async
    static String shapePrivateNestedClassMembers() {
        Hidden h = new Hidden(await(Src.i(3)));
        h.value += await(Src.i(4));
        return h.show() + h.value;
    }
}
