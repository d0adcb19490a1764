package dev.jawait.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Poll;
import dev.jawait.runtime.driver.Fds;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.runtime.driver.MachineLoad;
import dev.jawait.runtime.driver.MiniExecutor;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.jawait.runtime.driver.FdLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sleeps on a real driver: never early, late by at most a tick plus scheduling slack. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class SleepTest {
    private static final long MS = 1_000_000L;
    /**
     * Allowed lateness, beyond one 1 ms tick (which TimerWheelTest checks exactly on a simulated
     * clock): select()'s millisecond rounding and the OS waking the parked thread. On a quiet
     * machine p50 is ~1.1 ms and p99 ~5 ms. On a loaded 2-core CI box (load average 15 while
     * this was developed) the whole JVM can stall — once a control thread doing plain
     * {@code parkNanos(1 ms)} overslept by 540 ms. So the slack is a fixed part plus the worst
     * oversleep the control thread saw during the test: p50 within a tick + 20 ms + stall,
     * p90 within a tick + 50 ms + stall, worst case within a tick + 1 s + stall. A timer bug
     * still fails on a quiet machine. Early is never allowed.
     */
    private static final long P50_LATE = MS + 20 * MS;
    private static final long P90_LATE = MS + 50 * MS;
    private static final long MAX_LATE = MS + 1_000 * MS;

    @Test
    void tenThousandConcurrentSleepsFireOnTime() throws Exception {
        int count = 10_000;
        int fds = Fds.count();
        long[] deadlines = new long[count];
        long[] firedAt = new long[count];
        boolean[] armed = new boolean[count];
        CountDownLatch allFired = new CountDownLatch(count);
        long[] controlWorst = {0};
        // Every deadline 2 s away, after the loop below that arms them (tens of ms of work; 1 s
        // on a badly loaded machine): the timers fire while this thread only waits, instead of
        // competing with it for the CPU and the wheel's lock (a CI run under load had p50 170 ms).
        long armBy = 2_000 * MS;
        long base = System.nanoTime() + armBy;
        long inserted;
        System.gc(); // don't inherit a collection of earlier tests' garbage
        SplittableRandom random = new SplittableRandom(7);
        try (IoDriver driver = IoDriver.create()) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread parker = new Thread(() -> {
                while (!stop.get()) {
                    driver.park(Long.MAX_VALUE);
                }
            }, "test-parker");
            parker.start();
            Thread control = new Thread(() -> {
                while (!stop.get()) {
                    long before = System.nanoTime();
                    java.util.concurrent.locks.LockSupport.parkNanos(MS);
                    controlWorst[0] = Math.max(controlWorst[0], System.nanoTime() - before - MS);
                }
            }, "test-control");
            control.start();
            try (IoDriver.Scope scope = driver.enter()) {
                for (int i = 0; i < count; i++) {
                    Sleep sleep = Time.sleepUntil(base + random.nextLong(400 * MS));
                    deadlines[i] = sleep.deadlineNanos();
                    int index = i;
                    Poll<Void> first = sleep.poll(Context.of(() -> {
                        firedAt[index] = System.nanoTime();
                        allFired.countDown();
                    }));
                    if (first.isReady()) {
                        // This loop ran past the deadline (a badly stalled machine): due at once,
                        // rightly, and never armed, so it says nothing about the timers' lateness.
                        assertTrue(System.nanoTime() - deadlines[i] >= 0, "sleep " + i + " ready before its deadline");
                        allFired.countDown();
                    } else {
                        armed[i] = true;
                    }
                }
            }
            inserted = System.nanoTime();
            assertTrue(allFired.await(30, TimeUnit.SECONDS), "all sleeps fired");
            stop.set(true);
            driver.unpark();
            parker.join(5_000);
            control.join(5_000);
            assertEquals(0, driver.pendingTimers());
            System.out.printf("control thread: worst parkNanos(1 ms) oversleep %.2f ms%n", controlWorst[0] / 1e6);
        }
        long stall = controlWorst[0];
        long[] late = new long[count];
        int timed = 0;
        for (int i = 0; i < count; i++) {
            if (armed[i]) {
                assertTrue(firedAt[i] >= deadlines[i], "sleep " + i + " fired " + (deadlines[i] - firedAt[i]) + " ns early");
                if (deadlines[i] > inserted) { // due while this thread only waited
                    late[timed++] = firedAt[i] - deadlines[i];
                }
            }
        }
        long loopMillis = (inserted - (base - armBy)) / MS;
        Fds.assertBackTo(fds);
        // Every sleep fired, none early (checked above). Lateness can only be judged for sleeps
        // due after the arming loop; a machine so loaded that the loop ran past most deadlines
        // (2.7-5.1 s seen at load 40 on 2 cores) leaves too few to judge: skipped, not failed.
        org.junit.jupiter.api.Assumptions.assumeTrue(timed >= count / 10, "only " + timed + " of " + count
                + " sleeps were due after the loop that armed them (it took " + loopMillis + " ms)");
        late = Arrays.copyOf(late, timed);
        Arrays.sort(late);
        long p50 = late[timed / 2];
        long p90 = late[timed * 90 / 100];
        long p99 = late[timed * 99 / 100];
        long max = late[timed - 1];
        System.out.printf("10k sleeps lateness: p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms"
                + " (of the %d due after the %d ms arming loop)%n", p50 / 1e6, p90 / 1e6, p99 / 1e6, max / 1e6, timed, loopMillis);
        // The bounds are for a machine with a core to spare; oversubscribed (a CI run at load 40
        // on 2 cores), the thread that fires the timers gets a fraction of a core: stretched.
        double load = MachineLoad.perCore();
        String context = " ms (control thread's worst stall " + stall / 1e6 + " ms, bounds stretched "
                + String.format("%.1f", load) + "x by the machine's load)";
        assertTrue(p50 <= P50_LATE * load + stall, "p50 lateness " + p50 / 1e6 + context);
        assertTrue(p90 <= P90_LATE * load + stall, "p90 lateness " + p90 / 1e6 + context);
        assertTrue(max <= MAX_LATE * load + stall, "max lateness " + max / 1e6 + context);
    }

    @Test
    void aSleepAlreadyDueCompletesWithoutTouchingTheWheel() {
        try (MiniExecutor executor = new MiniExecutor()) {
            Sleep sleep = Time.sleep(Duration.ZERO);
            assertTrue(sleep.isElapsed());
            executor.blockOn(sleep);
            assertEquals(0, executor.driver().pendingTimers());
            executor.blockOn(Time.sleep(Duration.ofMillis(-5)));
        }
    }

    @Test
    void blockOnSleepWaitsAtLeastTheDuration() {
        try (MiniExecutor executor = new MiniExecutor()) {
            long start = System.nanoTime();
            executor.blockOn(Time.sleep(Duration.ofMillis(30)));
            assertTrue(System.nanoTime() - start >= 30 * MS);
            assertEquals(0, executor.driver().pendingTimers());
        }
    }

    @Test
    void cancellingASleepReleasesItsSlot() {
        try (IoDriver driver = IoDriver.create(); IoDriver.Scope scope = driver.enter()) {
            Sleep[] sleeps = new Sleep[100];
            for (int i = 0; i < sleeps.length; i++) {
                sleeps[i] = Time.sleep(Duration.ofHours(1 + i));
                assertTrue(sleeps[i].poll(Context.of(() -> {})).isPending());
            }
            assertEquals(100, driver.pendingTimers());
            for (Sleep sleep : sleeps) {
                assertEquals(false, sleep.cancel(), "a sleep is a leaf future");
            }
            assertEquals(0, driver.pendingTimers());
        }
    }

    @Test
    void resetMovesAPendingSleepAndRevivesACompletedOne() {
        try (MiniExecutor executor = new MiniExecutor()) {
            Sleep sleep = Time.sleep(Duration.ofHours(1));
            long start = System.nanoTime();
            boolean[] reset = {false};
            executor.blockOn(cx -> {
                Poll<Void> p = sleep.poll(cx);
                // Once, on the first pending poll: a later (spurious) poll must not push it again.
                // (Bounded by "within 1 s of start" before, a thread descheduled that long never
                // reset it and the test hung on the hour-long sleep.)
                if (p.isPending() && !reset[0]) {
                    assertEquals(1, executor.driver().pendingTimers());
                    reset[0] = true;
                    sleep.reset(Duration.ofMillis(20)); // pulled in from outside the wheel's view
                }
                return p;
            });
            long took = System.nanoTime() - start;
            assertTrue(took >= 20 * MS && took < 60_000 * MS, "completed at the reset deadline");
            assertEquals(0, executor.driver().pendingTimers());

            sleep.reset(Duration.ofMillis(15)); // completed sleeps can be reused
            long again = System.nanoTime();
            executor.blockOn(sleep);
            assertTrue(System.nanoTime() - again >= 15 * MS);

            Sleep pushedIntoThePast = Time.sleep(Duration.ofHours(1));
            executor.blockOn(cx -> {
                Poll<Void> p = pushedIntoThePast.poll(cx);
                if (p.isPending()) {
                    pushedIntoThePast.reset(Duration.ZERO); // must wake the task at once
                }
                return p;
            });
            assertEquals(0, executor.driver().pendingTimers());
        }
    }

    @Test
    void repollingWithANewWakerUsesTheNewWaker() throws Exception {
        try (IoDriver driver = IoDriver.create(); IoDriver.Scope scope = driver.enter()) {
            // Not due before both polls however long this thread is descheduled; then made due soon.
            Sleep sleep = Time.sleep(Duration.ofHours(1));
            CountDownLatch oldWaker = new CountDownLatch(1);
            CountDownLatch newWaker = new CountDownLatch(1);
            assertTrue(sleep.poll(Context.of(oldWaker::countDown)).isPending());
            assertTrue(sleep.poll(Context.of(newWaker::countDown)).isPending());
            sleep.reset(Duration.ofMillis(20));
            while (newWaker.getCount() > 0) {
                driver.park(Long.MAX_VALUE);
            }
            assertEquals(1, oldWaker.getCount(), "the replaced waker is not called");
            assertTrue(sleep.poll(Context.of(() -> {})).isReady());
        }
    }
}
