package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.function.IntSupplier;

/** Non-static inner classes and anonymous classes that reach the enclosing instance. */
public class InnerClasses {
    int total = 100;

    class Item {
        final String name;

        Item(String name) {
            this.name = name;
        }

        String describe() {
            return Log.add(name + "@" + total);
        }
    }

    @Async
    String shapeInnerClassCreatedAcrossAwaits() {
        Item a = new Item(await(Src.s("a")));
        total += await(Src.i(5));
        Item b = this.new Item("b");
        return a.describe() + b.describe();
    }

    @Async
    int shapeAnonymousClassReadsOuterField() {
        IntSupplier reader = new IntSupplier() {
            @Override
            public int getAsInt() {
                return Log.i("outer total", total);
            }
        };
        total = await(Src.i(7));
        int first = reader.getAsInt();
        total += await(Src.i(1));
        return first * 100 + reader.getAsInt();
    }

    @Async
    int shapeLambdaReadsOuterFieldAndThis() {
        IntSupplier reader = () -> total + InnerClasses.this.total;
        total = await(Src.i(3));
        return reader.getAsInt();
    }
}
