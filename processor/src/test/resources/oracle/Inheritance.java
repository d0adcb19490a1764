package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** Instance shapes on a subclass: inherited fields and methods, overridden (virtual) calls. */
public class Inheritance extends InheritanceBase {

    @Override
    String describe(int v) {
        return Log.add("sub " + v);
    }

    @Async
    int shapeInheritedField() {
        base += await(Src.i(5));
        return base + baseHelper(await(Src.i(1)));
    }

    @Async
    String shapeVirtualCallOnSelf() {
        String a = describe(await(Src.i(1)));
        String b = this.describe(await(Src.i(2)));
        InheritanceBase plain = new InheritanceBase();
        return a + "|" + b + "|" + plain.describe(await(Src.i(3)));
    }

    @Async
    String shapeProtectedStateAcrossAwaits() {
        for (int i = 0; i < 3; i++) {
            history.append(await(Src.i(i)));
        }
        return history.toString() + toString();
    }

    @Override
    public String toString() {
        return "Inheritance(base=" + base + ")";
    }
}

class InheritanceBase {
    protected int base = 100;
    protected final StringBuilder history = new StringBuilder("h");

    String describe(int v) {
        return Log.add("base " + v);
    }

    int baseHelper(int v) {
        return Log.i("baseHelper", v * 2);
    }
}
