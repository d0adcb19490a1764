package dev.jawait.scope;

import java.util.function.BooleanSupplier;

/** Bounded waiting for an observable condition (never a bare sleep). */
final class NestingTestSupport {
    private NestingTestSupport() {}

    static void waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
