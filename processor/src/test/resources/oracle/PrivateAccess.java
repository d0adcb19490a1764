package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** Private fields and methods reached from the companion (docs/ARCHITECTURE.md, "The compiler": VarHandle/MethodHandle constants). */
public class PrivateAccess {
    private int secret = 7;
    private static final String PREFIX = "p:";
    private String text = "t";

    private int hidden(int v) {
        return Log.i("hidden", v + secret);
    }

    private static String staticHidden(String s) {
        return Log.add(PREFIX + s);
    }

    @Async
    int shapePrivateFieldReadWrite() {
        secret = secret + await(Src.i(3));
        secret += await(Src.i(1));
        return secret;
    }

    @Async
    int shapePrivateMethodCall() {
        return hidden(await(Src.i(5))) + this.hidden(1);
    }

    @Async
    static String shapePrivateStaticMethodAndConstant() {
        return staticHidden(await(Src.s("x"))) + PREFIX.length();
    }

    @Async
    String shapePrivateFieldCompoundAndIncrement() {
        text += await(Src.s("u"));
        secret++;
        return text + secret;
    }

    @Async
    static int shapePrivateMembersOfOtherInstance() {
        PrivateAccess other = new PrivateAccess();
        other.secret = await(Src.i(40));
        return other.hidden(await(Src.i(2)));
    }

}
