package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.List;

/** Instance @Async methods: fields read and written across awaits, this-calls, own companion. */
public class Instances {
    int counter;
    String name = "inst";
    final List<String> events = new ArrayList<>();
    long total;

    int bump(int by) {
        counter += by;
        return counter;
    }

    @Async
    int addLater(int v) {
        counter += await(Src.i(v));
        return counter;
    }

    @Async
    String greet(String who) {
        return name + ":" + await(Src.s(who));
    }

    @Async
    int shapeFieldReadWriteAcrossAwait() {
        counter = await(Src.i(3));
        counter += await(Src.i(4));
        return counter;
    }

    @Async
    int shapeFieldReadBeforeAwaitIsKept() {
        counter = 10;
        int seen = counter + await(Src.i(1));
        return seen * 100 + counter;
    }

    @Async
    String shapeThisMethodCalls() {
        bump(await(Src.i(2)));
        this.bump(await(Src.i(3)));
        return Log.add(name + counter);
    }

    @Async
    int shapeOwnCompanionWithSelf() {
        int a = await(InstancesAsync.addLater(this, 5));
        int b = await(InstancesAsync.addLater(this, 6));
        return a * 100 + b;
    }

    @Async
    String shapeOwnCompanionOnOtherInstance() {
        Instances other = new Instances();
        other.name = "other";
        return await(InstancesAsync.greet(other, "x")) + "/" + await(InstancesAsync.greet(this, "y"));
    }

    @Async
    String shapeFieldCollection() {
        events.add(Log.add("e1"));
        events.add(await(Src.s("e2")));
        this.events.add(await(Src.s("e3")) + events.size());
        return String.join(",", events);
    }

    @Async
    long shapeCompoundAssignOnField() {
        total += await(Src.l(10L));
        this.total *= await(Src.i(3));
        counter++;
        ++this.counter;
        counter += counter++ + await(Src.i(1));
        return total + counter;
    }

    @Async
    String shapeFieldAssignedInLoop() {
        for (int i = 0; i < 3; i++) {
            name = name + await(Src.i(i));
        }
        return name;
    }

    @Async
    int shapeFieldAsLoopBound() {
        counter = 3;
        int sum = 0;
        for (int i = 0; i < counter; i++) {
            sum += await(Src.i(i));
            if (i == 1) counter = 4;
        }
        return sum;
    }

    @Async
    String shapeFieldShadowedByLocal() {
        String name = await(Src.s("local"));
        this.name = name + "-field";
        return name + "|" + this.name;
    }

    @Async
    static int shapeStaticCreatesInstance() {
        Instances inst = new Instances();
        int a = await(InstancesAsync.addLater(inst, 2));
        int b = await(InstancesAsync.addLater(inst, 3));
        return a * 10 + b + inst.counter;
    }
}
