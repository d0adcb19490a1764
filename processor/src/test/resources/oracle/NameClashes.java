package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/**
 * Names a generated state machine is likely to use itself (self, cx, state, step, poll, complete,
 * cancel, suspend, resume, awaited, PENDING, value, result, tmp0): the template's meaning of each
 * must win.
 */
public class NameClashes {
    int state = 1;
    String result = "field-result";

    static String step(String s) {
        return Log.add("template step " + s);
    }

    static String complete(String s) {
        return Log.add("template complete " + s);
    }

    static String poll(int n) {
        return Log.add("template poll " + n);
    }

    static String cancel() {
        return Log.add("template cancel");
    }

    static String suspend(int n) {
        return Log.add("template suspend " + n);
    }

    static String resume(String s) {
        return Log.add("template resume " + s);
    }

    static String awaited() {
        return Log.add("template awaited");
    }

    static final int PENDING = 40;

    static <T> Future<T> ready(T v) {
        Log.add("template ready " + v);
        return Src.v(v);
    }

    @Async
    static String shapeHelpersNamedLikeMachineMethods() {
        return step(await(Src.s("a"))) + complete(await(Src.s("b"))) + poll(await(Src.i(3))) + cancel();
    }

    @Async
    static String shapeHelpersNamedLikeTheAwaitProtocol() {
        String s = suspend(await(Src.i(1))) + resume(await(Src.s("r"))) + awaited();
        return s + (PENDING + await(Src.i(2)));
    }

    @Async
    static String shapeLocalsNamedLikeTheAwaitProtocol() {
        int PENDING = await(Src.i(7));
        String awaited = await(Src.s("w"));
        int suspend = PENDING + await(Src.i(1));
        return awaited + suspend + PENDING + NameClashes.PENDING;
    }

    @Async
    static String shapeLocalsNamedLikeMachineFields() {
        int self = await(Src.i(1));
        String cx = await(Src.s("cx"));
        int state = await(Src.i(3));
        int tmp0 = await(Src.i(4));
        String value = await(Src.s("v"));
        Object result = await(Src.v((Object) "r"));
        int poll1 = await(Src.i(5));
        return self + cx + state + tmp0 + value + result + poll1;
    }

    @Async
    String shapeFieldsNamedLikeMachineFields() {
        state += await(Src.i(10));
        result = result + await(Src.s("!"));
        int state = this.state * 2;
        return state + " " + this.state + " " + result;
    }

    @Async
    static int shapeTemplateStaticShadowsImportedName() {
        return await(ready(Log.i("arg", 7))) + await(Src.i(1));
    }

    @Async
    static String shapeParameterNamedSelfInHelper() {
        return await(NameClashesAsync.helper("p", 2));
    }

    @Async
    static String helper(String self, int cx) {
        String state = self + await(Src.i(cx));
        return Log.add(state + cx);
    }
}
