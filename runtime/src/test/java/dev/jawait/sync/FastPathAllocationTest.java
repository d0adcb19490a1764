package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The uncontended paths that promise to allocate nothing: a bounded channel's trySend/tryRecv and
 * the semaphore's tryAcquire/release (the CAS fast path shared by Mutex and RwLock).
 */
@Timeout(20)
class FastPathAllocationTest {
    private static final int ROUNDS = 200_000;

    @Test
    void boundedChannelTrySendAndTryRecvAllocateNothing() throws Exception {
        Channel<Integer> ch = Channel.bounded(8);
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        Integer[] boxes = new Integer[8];
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] = 1_000 + i; // boxed once, outside the measured loop
        }
        long sum = 0;
        for (int warm = 0; warm < 3; warm++) {
            sum += channelRounds(tx, rx, boxes);
        }
        long before = allocatedBytes();
        sum += channelRounds(tx, rx, boxes);
        long allocated = allocatedBytes() - before;
        assertTrue(sum > 0);
        assertTrue(allocated < 4_096, ROUNDS + " trySend+tryRecv pairs allocated " + allocated + " bytes");
    }

    @Test
    void semaphoreFastPathAllocatesNothing() {
        Semaphore sem = new Semaphore(4);
        long ok = 0;
        for (int warm = 0; warm < 3; warm++) {
            ok += semaphoreRounds(sem);
        }
        long before = allocatedBytes();
        ok += semaphoreRounds(sem);
        long allocated = allocatedBytes() - before;
        assertEquals(4L * ROUNDS, ok);
        assertEquals(4, sem.availablePermits());
        assertTrue(allocated < 4_096, ROUNDS + " tryAcquire+release pairs allocated " + allocated + " bytes");
    }

    private static long channelRounds(Sender<Integer> tx, Receiver<Integer> rx, Integer[] boxes)
            throws ChannelClosedException {
        long sum = 0;
        for (int i = 0; i < ROUNDS; i++) {
            if (!tx.trySend(boxes[i & 7])) {
                throw new AssertionError("channel unexpectedly full");
            }
            sum += rx.tryRecv();
        }
        return sum;
    }

    private static long semaphoreRounds(Semaphore sem) {
        long ok = 0;
        for (int i = 0; i < ROUNDS; i++) {
            if (sem.tryAcquire(2)) {
                ok++;
                sem.release(2);
            }
        }
        return ok;
    }

    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled());
        return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
