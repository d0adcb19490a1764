package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.ProtectedBase;
import dev.jawait.processor.oracle.Src;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * super.m(...), Iface.super.m(...), super::m and super.field from the companion: overridden
 * methods of the superclass (same package, and protected across packages) and default methods
 * of a direct superinterface, called without dynamic dispatch.
 */
public class SuperCalls extends SuperCallsBase implements SuperCallsGreeter {
    int count = 2;

    @Override
    String describe(int v) {
        return Log.add("sub describe " + v);
    }

    @Override
    void record(String... parts) {
        Log.add("sub record " + parts.length);
    }

    @Override
    <T> List<T> twice(T value) {
        return List.of(value);
    }

    @Override
    int checked(int v) {
        return -v;
    }

    @Override
    protected String tag(String s) {
        return Log.add("sub tag " + s);
    }

    @Override
    protected String first(List<String> items) {
        return items.get(items.size() - 1);
    }

    @Override
    public String greet(String who) {
        return Log.add("sub greet " + who);
    }

    @Async
    String shapeSuperCallWithAwaitedArguments() {
        return super.describe(await(Src.i(1))) + describe(await(Src.i(2))) + super.describe(3);
    }

    @Async
    String shapeSuperVoidAndVarargs() {
        super.record("a", await(Src.s("b")));
        super.record();
        record("c");
        super.record(new String[] {await(Src.s("d"))});
        return Log.add("end");
    }

    @Async
    String shapeSuperGenericMethodAndClass() {
        List<String> two = super.twice(await(Src.s("x")));
        String first = super.first(List.of(await(Src.s("a")), "b"));
        return two + first + first(List.of("c", "d"));
    }

    @Async
    String shapeProtectedSuperAcrossPackages() {
        return super.tag(await(Src.s("t"))) + tag("u");
    }

    @Async
    String shapeInterfaceSuperDefaultMethod() {
        return SuperCallsGreeter.super.greet(await(Src.s("w"))) + greet("v");
    }

    @Async
    String shapeSuperMethodReferences() {
        Function<Integer, String> describe = super::describe;
        Supplier<String> hello = SuperCallsGreeter.super::hello;
        return describe.apply(await(Src.i(4))) + hello.get() + describe.apply(5);
    }

    @Async
    int shapeSuperCallThrowsChecked() {
        int total = 0;
        try {
            total += super.checked(await(Src.i(3)));
            total += super.checked(-1);
        } catch (IOException e) {
            Log.add("caught " + e.getMessage());
        }
        return total + checked(1);
    }

    @Async
    String shapeSuperFieldHiddenBySubclass() {
        super.count += await(Src.i(10));
        count += await(Src.i(20));
        return super.count + " " + count + " " + (super.hashCode() == System.identityHashCode(this));
    }

    @Async
    String shapeSuperCallsInALoop() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(super.describe(await(Src.i(i))));
        }
        return String.join(",", out);
    }
}

class SuperCallsBase extends ProtectedBase<String> {
    int count = 1;

    String describe(int v) {
        return Log.add("base describe " + v);
    }

    void record(String... parts) {
        Log.add("base record " + String.join("+", parts));
    }

    <T> List<T> twice(T value) {
        return List.of(value, value);
    }

    int checked(int v) throws IOException {
        if (v < 0) {
            throw new IOException("negative " + v);
        }
        return Log.i("base checked", v);
    }
}

interface SuperCallsGreeter {
    default String greet(String who) {
        return Log.add("default greet " + who);
    }

    default String hello() {
        return Log.add("default hello");
    }
}
