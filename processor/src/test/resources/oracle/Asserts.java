package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** await inside assert statements (split out: the processor may reject it). */
public class Asserts {

    @Async
    static String shapeAssertWithAwait() {
        boolean enabled = false;
        assert enabled = true;
        assert await(Src.b(true)) : "never fails";
        try {
            assert await(Src.i(1)) > 5 : "failed " + await(Src.s("msg"));
        } catch (AssertionError e) {
            return Log.add("assertion " + e.getMessage());
        }
        return Log.add("assertions enabled=" + enabled);
    }
}
