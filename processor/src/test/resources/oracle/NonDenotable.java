package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** var locals whose type cannot be written (anonymous, intersection, capture) live across awaits. */
public class NonDenotable {

    @Async
    static int shapeVarOfAnonymousClassAcrossAwait() {
        var counter = new Object() {
            int count;

            int bump(int by) {
                count += by;
                return Log.i("count", count);
            }
        };
        counter.bump(await(Src.i(2)));
        counter.count += await(Src.i(3));
        return counter.bump(1);
    }

    @Async
    static String shapeVarOfIntersectionTypeAcrossAwait() {
        boolean list = await(Src.b(true));
        var values = list ? new ArrayList<>(List.of(1, 2)) : Set.of(3);
        await(Src.tick());
        return values.size() + " " + values.contains(await(Src.i(2)));
    }

    @Async
    static String shapeVarOfCaptureTypeAcrossAwait() {
        List<?> wild = await(Src.v(List.of("w", "x")));
        var first = wild.get(0);
        await(Src.tick());
        return Log.add(first + " " + wild.indexOf(first));
    }
}
