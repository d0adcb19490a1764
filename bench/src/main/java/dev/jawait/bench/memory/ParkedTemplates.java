package dev.jawait.bench.memory;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.bench.support.Gate;

/**
 * The parked task of the memory comparison: a task that waits for a gate, written as a user
 * would write it.
 *
 * <pre>{@code
 * runtime.spawn(ParkedTemplatesAsync.parked(gate));
 * }</pre>
 */
public final class ParkedTemplates {
    private ParkedTemplates() {}

    @Async
    static int parked(Gate gate) {
        await(gate.opened());
        return 1;
    }
}
