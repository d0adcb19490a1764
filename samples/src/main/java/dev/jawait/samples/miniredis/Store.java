package dev.jawait.samples.miniredis;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The keyspace: binary-safe keys ({@link Key}) to string values with optional expiry, shared by
 * every connection.
 * A {@link ConcurrentHashMap} makes each command atomic per key without a global lock. Expiry is
 * lazy (a read of an expired key removes it) plus periodic: {@link #sweep} walks the keys that
 * have a TTL, a few thousand per call, and a task of the server calls it on an interval.
 *
 * <pre>{@code
 * Store store = new Store(System::currentTimeMillis);
 * store.set("k", bytes, SetCondition.ALWAYS, 0, false);
 * byte[] v = store.get("k");
 * }</pre>
 *
 * <p>Commands look keys up with a {@link Key} probe over their request bytes (no copy); the store
 * keeps immutable copies only, made when a key is inserted. The {@code String} methods take the
 * key's bytes as ISO-8859-1 (one byte per char), for tests and tools.
 */
public final class Store {
    /** Which existing state allows a SET (Redis' NX / XX). */
    public enum SetCondition { ALWAYS, IF_ABSENT, IF_PRESENT }

    /** What a SET did: whether it wrote, and the value it replaced (for {@code SET ... GET}). */
    public record SetOutcome(boolean written, byte[] previous) {}

    /**
     * Redis 7's EXPIRE options, which may combine as EXPIRE allows ({@code XX GT}): NX = the key
     * has no TTL, XX = it has one, GT / LT = the new time is later / earlier than the current one,
     * where no TTL counts as infinite (GT then fails, LT holds).
     */
    public record ExpireCondition(boolean nx, boolean xx, boolean gt, boolean lt) {
        /** No option: always set. */
        public static final ExpireCondition ALWAYS = new ExpireCondition(false, false, false, false);

        /** Whether the key's expiry may change from {@code current} (0 for none) to {@code when}. */
        boolean allows(long current, long when) {
            boolean hasTtl = current != 0;
            return !(nx && hasTtl)
                    && !(xx && !hasTtl)
                    && !(gt && (!hasTtl || when <= current))
                    && !(lt && hasTtl && when >= current);
        }
    }

    /** A value and the epoch millisecond at which it expires, 0 for never. Immutable. */
    private record Entry(byte[] value, long expiresAt) {
        boolean expired(long now) {
            return expiresAt != 0 && now >= expiresAt;
        }
    }

    private final ConcurrentHashMap<Key, Entry> map = new ConcurrentHashMap<>();
    /** Keys that may have a TTL; a superset, cleaned by the sweep. */
    private final Set<Key> volatileKeys = ConcurrentHashMap.newKeySet();
    private final LongSupplier clock;
    /** The sweep resumes where it stopped, so every TTL key is visited in turn. */
    private Iterator<Key> sweepCursor;

    /** A store reading time (epoch milliseconds) from {@code clock}. */
    public Store(LongSupplier clock) {
        this.clock = clock;
    }

    /** The current time of this store's clock, epoch milliseconds. */
    public long now() {
        return clock.getAsLong();
    }

    /** The value, or {@code null} when absent or expired. */
    public byte[] get(String key) {
        return get(Key.of(key));
    }

    /** The value, or {@code null} when absent or expired; {@code key} may be a probe. */
    byte[] get(Key key) {
        Entry e = live(key);
        return e == null ? null : e.value;
    }

    /**
     * Plain {@code SET key value}: no condition, no expiry (an existing TTL is cleared). The
     * common case of a hot key does no lookup besides the replace and allocates only the entry;
     * {@code key} may be a probe (it is copied only when the key is new).
     */
    void put(Key key, byte[] value) {
        Entry fresh = new Entry(value, 0);
        if (map.replace(key, fresh) == null) {
            map.put(key.immutable(), fresh); // a concurrent SET may win either way: both are atomic
        }
    }

    /**
     * SET with its options: {@code expiresAt} in epoch millis (0 for none), {@code keepTtl} keeps
     * an existing expiry when {@code expiresAt} is 0.
     */
    public SetOutcome set(String key, byte[] value, SetCondition condition, long expiresAt,
            boolean keepTtl) {
        return set(Key.of(key), value, condition, expiresAt, keepTtl);
    }

    /** {@link #set(String, byte[], SetCondition, long, boolean)} of a key that may be a probe. */
    SetOutcome set(Key probe, byte[] value, SetCondition condition, long expiresAt, boolean keepTtl) {
        Key key = probe.immutable();
        long now = now();
        byte[][] previous = new byte[1][];
        boolean[] written = new boolean[1];
        map.compute(key, (k, old) -> {
            if (old != null && old.expired(now)) {
                old = null;
            }
            previous[0] = old == null ? null : old.value;
            boolean allowed = switch (condition) {
                case ALWAYS -> true;
                case IF_ABSENT -> old == null;
                case IF_PRESENT -> old != null;
            };
            if (!allowed) {
                return old;
            }
            written[0] = true;
            long expiry = expiresAt != 0 ? expiresAt : keepTtl && old != null ? old.expiresAt : 0;
            return new Entry(value, expiry);
        });
        if (written[0] && expiresAt != 0) {
            volatileKeys.add(key);
        }
        return new SetOutcome(written[0], previous[0]);
    }

    /** Adds {@code delta} to the integer value (0 when absent), keeping its TTL; the new value. */
    public long incrementBy(String key, long delta) {
        return incrementBy(Key.of(key), delta);
    }

    long incrementBy(Key probe, long delta) {
        Key key = probe.immutable();
        long now = now();
        long[] result = new long[1];
        map.compute(key, (k, old) -> {
            if (old != null && old.expired(now)) {
                old = null;
            }
            long current = old == null ? 0 : Numbers.requireLong(old.value);
            long next = current + delta;
            if (((current ^ next) & (delta ^ next)) < 0) {
                throw new CommandError(CommandError.OVERFLOW);
            }
            result[0] = next;
            return new Entry(Numbers.toBytes(next), old == null ? 0 : old.expiresAt);
        });
        return result[0];
    }

    /** Removes the key; whether a live key was removed. */
    public boolean delete(String key) {
        return delete(Key.of(key));
    }

    boolean delete(Key key) {
        Entry e = map.remove(key);
        return e != null && !e.expired(now());
    }

    /** Whether the key exists (and has not expired). */
    public boolean exists(String key) {
        return exists(Key.of(key));
    }

    boolean exists(Key key) {
        return live(key) != null;
    }

    /**
     * Sets the expiry of an existing key to {@code when} (epoch millis, may be negative); a time
     * not after now deletes the key, as Redis' EXPIRE does. Whether the key existed and the
     * condition held.
     */
    public boolean expireAt(String key, long when, ExpireCondition condition) {
        return expireAt(Key.of(key), when, condition);
    }

    boolean expireAt(Key key, long when, ExpireCondition condition) {
        long now = now();
        boolean[] done = new boolean[1];
        boolean[] kept = new boolean[1];
        map.computeIfPresent(key, (k, old) -> {
            if (old.expired(now)) {
                return null;
            }
            if (!condition.allows(old.expiresAt, when)) {
                return old;
            }
            done[0] = true;
            kept[0] = when > now; // so when > 0: never confused with "no expiry"
            return kept[0] ? new Entry(old.value, when) : null;
        });
        if (kept[0]) {
            volatileKeys.add(key.immutable());
        }
        return done[0];
    }

    /** Removes the expiry; whether the key had one. */
    public boolean persist(String key) {
        return persist(Key.of(key));
    }

    boolean persist(Key key) {
        long now = now();
        boolean[] done = new boolean[1];
        map.computeIfPresent(key, (k, old) -> {
            if (old.expired(now)) {
                return null;
            }
            if (old.expiresAt == 0) {
                return old;
            }
            done[0] = true;
            return new Entry(old.value, 0);
        });
        return done[0];
    }

    /** Milliseconds to live: -2 when the key is absent, -1 when it has no expiry. */
    public long ttlMillis(String key) {
        return ttlMillis(Key.of(key));
    }

    long ttlMillis(Key key) {
        Entry e = live(key);
        if (e == null) {
            return -2;
        }
        return e.expiresAt == 0 ? -1 : Math.max(0, e.expiresAt - now());
    }

    /** The live keys matching a glob pattern. */
    public List<String> keys(byte[] pattern) {
        long now = now();
        // As Redis' KEYS: a lone * lists every key without matching (so it lists "", which
        // stringmatchlen itself would not match).
        Glob glob = pattern.length == 1 && pattern[0] == '*' ? null : Glob.compile(pattern);
        List<String> keys = new ArrayList<>();
        map.forEach((k, e) -> {
            if (!e.expired(now) && (glob == null || k.matches(glob))) {
                keys.add(k.toString());
            }
        });
        return keys;
    }

    /** Number of keys, expired ones not yet swept included (as Redis' DBSIZE). */
    public int size() {
        return map.size();
    }

    /** Removes every key. */
    public void clear() {
        map.clear();
        volatileKeys.clear();
    }

    /**
     * Active expiry: visits at most {@code budget} keys that have a TTL, continuing from where the
     * previous call stopped, and removes the expired ones. Returns how many it removed. Called by
     * one task at a time.
     */
    public synchronized int sweep(int budget) {
        long now = now();
        int removed = 0;
        for (int visited = 0; visited < budget; visited++) {
            if (sweepCursor == null || !sweepCursor.hasNext()) {
                sweepCursor = volatileKeys.iterator();
                if (!sweepCursor.hasNext()) {
                    break;
                }
            }
            Key key = sweepCursor.next();
            Entry e = map.get(key);
            if (e != null && e.expired(now) && map.remove(key, e)) {
                removed++;
                e = null;
            }
            if (e == null || e.expiresAt == 0) {
                volatileKeys.remove(key);
                Entry again = map.get(key); // a TTL set meanwhile must stay tracked
                if (again != null && again.expiresAt != 0) {
                    volatileKeys.add(key);
                }
            }
        }
        return removed;
    }

    /** How many keys are tracked as possibly having a TTL (for tests). */
    int trackedVolatileKeys() {
        return volatileKeys.size();
    }

    private Entry live(Key key) {
        Entry e = map.get(key);
        if (e != null && e.expiresAt != 0 && e.expired(now())) {
            map.remove(key, e);
            return null;
        }
        return e;
    }
}
