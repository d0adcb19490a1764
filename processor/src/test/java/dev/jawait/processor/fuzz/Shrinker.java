package dev.jawait.processor.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Cuts a failing program down: removes statements, one at a time and from the innermost blocks
 * out, keeping each removal after which the program still fails the same way ({@code kind}),
 * until no single removal does or the time budget is spent. A removal that makes the program
 * invalid Java fails another way (javac's error) and is undone.
 *
 * <pre>{@code
 * Program small = Shrinker.shrink(program, "MISMATCH", candidate -> kindOf(candidate), Duration.ofSeconds(90));
 * }</pre>
 */
final class Shrinker {
    private Shrinker() {}

    /**
     * @param kind   how the program fails now
     * @param failed how a candidate fails (null when it passes)
     */
    static Program shrink(Program program, String kind, Function<Program, String> failed, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        Program best = program;
        boolean progress = true;
        while (progress && System.nanoTime() < deadline) {
            progress = false;
            Program current = best;
            List<Code.Block> blocks = new ArrayList<>();
            current.body().collect(blocks);
            // Every (block, statement) position of the current program, innermost blocks last so we cut from the end.
            outer:
            for (int b = blocks.size() - 1; b >= 0; b--) {
                for (int s = blocks.get(b).statements.size() - 1; s >= 0; s--) {
                    if (System.nanoTime() >= deadline) break outer;
                    Code.Block copy = current.body().copy();
                    List<Code.Block> copyBlocks = new ArrayList<>();
                    copy.collect(copyBlocks);
                    copyBlocks.get(b).statements.remove(s);
                    Program candidate = current.withBody(copy);
                    if (Objects.equals(kind, failed.apply(candidate))) {
                        best = candidate;
                        progress = true;
                        break outer; // positions changed: collect them again
                    }
                }
            }
        }
        return best;
    }
}
