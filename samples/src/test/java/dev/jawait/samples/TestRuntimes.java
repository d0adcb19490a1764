package dev.jawait.samples;

import dev.jawait.runtime.AsyncRuntime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runtimes for sample tests: two workers, and every failure a task leaves unhandled is recorded
 * so a test can assert there was none.
 */
public final class TestRuntimes {
    private TestRuntimes() {}

    /** A two-worker runtime recording unhandled task failures into {@code failures}. */
    public static AsyncRuntime twoWorkers(List<Throwable> failures) {
        return AsyncRuntime.builder()
                .workerThreads(2)
                .threadNamePrefix("sample-test")
                .unhandledFailureHandler(failures::add)
                .build();
    }

    /** A fresh list for {@link #twoWorkers}. */
    public static List<Throwable> failureList() {
        return new CopyOnWriteArrayList<>();
    }
}
