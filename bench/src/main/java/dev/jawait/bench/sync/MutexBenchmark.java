package dev.jawait.bench.sync;

import dev.jawait.Poll;
import dev.jawait.bench.runtime.Contexts;
import dev.jawait.sync.Mutex;
import dev.jawait.sync.MutexGuard;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Uncontended lock + unlock around an increment: jawait's {@code Mutex} ({@code lock()} polled
 * once — ready at once when free — and the guard closed) against {@code ReentrantLock}.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar MutexBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MutexBenchmark {
    private final Mutex<long[]> mutex = new Mutex<>(new long[1]);
    private final ReentrantLock lock = new ReentrantLock();
    private long counter;

    @Benchmark
    public long jawaitMutexLock() {
        Poll<MutexGuard<long[]>> p = mutex.lock().poll(Contexts.NOOP);
        try (MutexGuard<long[]> guard = p.value()) {
            return ++guard.get()[0];
        }
    }

    @Benchmark
    public long jawaitMutexTryLock() {
        try (MutexGuard<long[]> guard = mutex.tryLock()) {
            return ++guard.get()[0];
        }
    }

    @Benchmark
    public long reentrantLock() {
        lock.lock();
        try {
            return ++counter;
        } finally {
            lock.unlock();
        }
    }
}
