package dev.jawait.samples.miniredis;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StoreTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Store store = new Store(clock::get);

    private static byte[] b(String s) {
        return s.getBytes(ISO_8859_1);
    }

    @Test
    void conditionsAndPreviousValue() {
        assertFalse(store.set("k", b("1"), Store.SetCondition.IF_PRESENT, 0, false).written());
        assertNull(store.get("k"));
        assertTrue(store.set("k", b("1"), Store.SetCondition.IF_ABSENT, 0, false).written());
        Store.SetOutcome second = store.set("k", b("2"), Store.SetCondition.IF_ABSENT, 0, false);
        assertFalse(second.written());
        assertArrayEquals(b("1"), second.previous());
        assertTrue(store.set("k", b("3"), Store.SetCondition.IF_PRESENT, 0, false).written());
        assertArrayEquals(b("3"), store.get("k"));
    }

    @Test
    void lazyExpiryAndTtl() {
        store.set("k", b("v"), Store.SetCondition.ALWAYS, clock.get() + 1500, false);
        assertEquals(1500, store.ttlMillis("k"));
        clock.addAndGet(1499);
        assertArrayEquals(b("v"), store.get("k"));
        clock.addAndGet(1);
        assertNull(store.get("k"));
        assertEquals(-2, store.ttlMillis("k"));
        assertEquals(0, store.size(), "reading an expired key removes it");
    }

    @Test
    void setClearsTtlUnlessKeepTtl() {
        store.set("k", b("v"), Store.SetCondition.ALWAYS, clock.get() + 1000, false);
        store.set("k", b("w"), Store.SetCondition.ALWAYS, 0, true);
        assertEquals(1000, store.ttlMillis("k"));
        store.set("k", b("x"), Store.SetCondition.ALWAYS, 0, false);
        assertEquals(-1, store.ttlMillis("k"));
    }

    @Test
    void incrementKeepsTtlAndChecksIntegersAndOverflow() {
        assertEquals(1, store.incrementBy("n", 1));
        assertEquals(-9, store.incrementBy("n", -10));
        store.expireAt("n", clock.get() + 5000, Store.ExpireCondition.ALWAYS);
        assertEquals(-8, store.incrementBy("n", 1));
        assertEquals(5000, store.ttlMillis("n"));
        store.set("s", b("12a"), Store.SetCondition.ALWAYS, 0, false);
        assertEquals(CommandError.NOT_AN_INTEGER,
                assertThrows(CommandError.class, () -> store.incrementBy("s", 1)).getMessage());
        store.set("s", b(" 1"), Store.SetCondition.ALWAYS, 0, false);
        assertThrows(CommandError.class, () -> store.incrementBy("s", 1));
        store.set("m", b(Long.toString(Long.MAX_VALUE)), Store.SetCondition.ALWAYS, 0, false);
        assertEquals(CommandError.OVERFLOW,
                assertThrows(CommandError.class, () -> store.incrementBy("m", 1)).getMessage());
        store.set("min", b(Long.toString(Long.MIN_VALUE)), Store.SetCondition.ALWAYS, 0, false);
        assertEquals(Long.MIN_VALUE + 1, store.incrementBy("min", 1));
    }

    @Test
    void expireOptionsAndPersist() {
        store.set("k", b("v"), Store.SetCondition.ALWAYS, 0, false);
        Store.ExpireCondition nx = new Store.ExpireCondition(true, false, false, false);
        Store.ExpireCondition xx = new Store.ExpireCondition(false, true, false, false);
        Store.ExpireCondition gt = new Store.ExpireCondition(false, false, true, false);
        Store.ExpireCondition lt = new Store.ExpireCondition(false, false, false, true);
        Store.ExpireCondition xxGt = new Store.ExpireCondition(false, true, true, false);
        assertFalse(store.expireAt("k", clock.get() + 100, xx));
        assertFalse(store.expireAt("k", clock.get() + 100, gt), "no TTL is infinite: nothing is greater");
        assertTrue(store.expireAt("k", clock.get() + 100, nx));
        assertFalse(store.expireAt("k", clock.get() + 50, gt));
        assertFalse(store.expireAt("k", clock.get() + 100, gt), "equal is not greater");
        assertTrue(store.expireAt("k", clock.get() + 200, xxGt));
        assertEquals(200, store.ttlMillis("k"));
        assertTrue(store.expireAt("k", clock.get() + 50, lt));
        assertTrue(store.persist("k"));
        assertFalse(store.persist("k"));
        assertFalse(store.expireAt("k", clock.get() + 50, xxGt));
        assertTrue(store.expireAt("k", clock.get() + 50, lt), "no TTL is infinite: anything is less");
        assertTrue(store.expireAt("k", -5, Store.ExpireCondition.ALWAYS), "a past (even negative) time deletes");
        assertFalse(store.exists("k"));
        assertFalse(store.expireAt("missing", clock.get() + 10, Store.ExpireCondition.ALWAYS));
    }

    @Test
    void sweepRemovesExpiredKeysWithoutReadsAndForgetsPersistentOnes() {
        for (int i = 0; i < 1000; i++) {
            store.set("t" + i, b("v"), Store.SetCondition.ALWAYS, clock.get() + (i % 2 == 0 ? 10 : 100_000), false);
            store.set("p" + i, b("v"), Store.SetCondition.ALWAYS, 0, false);
        }
        clock.addAndGet(10);
        int removed = 0;
        for (int round = 0; round < 10; round++) {
            removed += store.sweep(300);
        }
        assertEquals(500, removed);
        assertEquals(1500, store.size());
        store.persist("t1");
        for (int round = 0; round < 10; round++) {
            store.sweep(300);
        }
        assertEquals(499, store.trackedVolatileKeys());
    }

    @Test
    void keysMatchesGlobAndSkipsExpired() {
        store.set("user:1", b("a"), Store.SetCondition.ALWAYS, 0, false);
        store.set("user:2", b("a"), Store.SetCondition.ALWAYS, clock.get() + 1, false);
        store.set("item:1", b("a"), Store.SetCondition.ALWAYS, 0, false);
        assertEquals(2, store.keys(b("user:*")).size());
        clock.addAndGet(1);
        assertEquals(java.util.List.of("user:1"), store.keys(b("user:*")));
        assertEquals(2, store.keys(b("*")).size());
    }
}
