package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;
import dev.jawait.Task;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** await on CompletionStage and on runtime futures (Task.yieldNow) next to ordinary awaits. */
public class Interop {

    @Async
    static int shapeAwaitCompletionStage() {
        int a = await(Src.stage(5));
        int b = await(CompletableFuture.completedFuture(Log.i("completed", 2)));
        return a * 10 + b + await(Src.i(1));
    }

    @Async
    static String shapeCompletionStageFailureIsUnwrapped() {
        try {
            return await(CompletableFuture.<String>failedFuture(new IllegalStateException("stage failed")));
        } catch (IllegalStateException e) {
            return Log.add("caught " + e.getMessage() + " " + await(Src.s("after")));
        }
    }

    @Async
    static int shapeCompletionStageChain() {
        CompletionStage<Integer> chained = Src.stage(2).thenApply(x -> x * 10).thenCombine(Src.stage(3), Integer::sum);
        Log.add("chained");
        return await(chained) + await(Src.i(100));
    }

    @Async
    static String shapeYieldNowBetweenSteps() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            out.append(Log.i("step", i));
            await(Task.yieldNow());
        }
        return out.toString();
    }

    @Async
    static int shapeFutureReadyAndFailedFactories() {
        int a = await(Future.ready(Log.i("ready", 4)));
        try {
            await(Future.<Integer>failed(new ArithmeticException("failed factory")));
        } catch (ArithmeticException e) {
            Log.add("caught " + e.getMessage());
        }
        return a + await(Src.i(1));
    }

    @Async
    static String shapeStagesInLoopWithCatch() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            try {
                out.append(await(Src.stage("s" + i)));
            } catch (IllegalStateException e) {
                out.append("[").append(e.getMessage()).append("]");
            }
            Log.add("iteration " + i);
        }
        return out.toString();
    }
}
