package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** A local whose type is a private nested class lives across an await. */
public class PrivateTypes {

    private static final class Secret {
        int value;

        Secret(int value) {
            this.value = value;
        }

        int twice() {
            return Log.i("twice", value * 2);
        }
    }

    @Async
    static int shapeLocalOfPrivateTypeAcrossAwait() {
        Secret s = new Secret(await(Src.i(4)));
        s.value += await(Src.i(1));
        return s.twice();
    }
}
