package dev.jawait.samples.miniredis;

import java.util.List;
import java.util.Locale;

/**
 * Keyspace commands: DEL, EXISTS, EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, PERSIST, KEYS,
 * TYPE, DBSIZE, FLUSHALL, FLUSHDB.
 *
 * <pre>{@code
 * EXPIRE session:1 30   -> :1
 * TTL session:1         -> :30
 * KEYS session:*        -> *1 $9 session:1
 * }</pre>
 */
final class KeyCommands {
    private KeyCommands() {}

    static void register(CommandTable t) {
        t.add("DEL", -2, false, (s, a, out) -> {
            int n = 0;
            for (int i = 1; i < a.size(); i++) {
                n += s.store().delete(a.key(i)) ? 1 : 0;
            }
            out.integer(n);
        });
        t.add("EXISTS", -2, false, (s, a, out) -> {
            int n = 0;
            for (int i = 1; i < a.size(); i++) {
                n += s.store().exists(a.key(i)) ? 1 : 0;
            }
            out.integer(n);
        });
        t.add("EXPIRE", -3, false, (s, a, out) -> expire(s, a, out, true, false, "expire"));
        t.add("PEXPIRE", -3, false, (s, a, out) -> expire(s, a, out, false, false, "pexpire"));
        t.add("EXPIREAT", -3, false, (s, a, out) -> expire(s, a, out, true, true, "expireat"));
        t.add("PEXPIREAT", -3, false, (s, a, out) -> expire(s, a, out, false, true, "pexpireat"));
        t.add("TTL", 2, false, (s, a, out) -> {
            long ms = s.store().ttlMillis(a.key(1));
            out.integer(ms < 0 ? ms : (ms + 500) / 1000);
        });
        t.add("PTTL", 2, false, (s, a, out) -> out.integer(s.store().ttlMillis(a.key(1))));
        t.add("PERSIST", 2, false, (s, a, out) -> out.integer(s.store().persist(a.key(1)) ? 1 : 0));
        t.add("KEYS", 2, false, (s, a, out) -> {
            List<String> keys = s.store().keys(a.get(1));
            out.arrayHeader(keys.size());
            for (String k : keys) {
                out.bulk(k);
            }
        });
        t.add("TYPE", 2, false, (s, a, out) -> out.simple(s.store().exists(a.key(1)) ? "string" : "none"));
        t.add("DBSIZE", 1, false, (s, a, out) -> out.integer(s.store().size()));
        CommandTable.Handler flush = (s, a, out) -> {
            if (a.size() > 2) {
                throw new CommandError(CommandError.SYNTAX);
            }
            if (a.size() == 2) {
                String mode = Numbers.key(a.get(1)).toUpperCase(Locale.ROOT);
                if (!mode.equals("ASYNC") && !mode.equals("SYNC")) {
                    throw new CommandError(CommandError.SYNTAX);
                }
            }
            s.store().clear();
            out.ok();
        };
        t.add("FLUSHALL", -1, false, flush);
        t.add("FLUSHDB", -1, false, flush);
    }

    /**
     * EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT key time [NX|XX|GT|LT ...], in the order of Redis 7's
     * expireGenericCommand: the options (with their errors) before the time, the time's overflow
     * before the key; then a time not after now deletes the key. {@code when} is computed as Redis
     * does, so a negative relative time is a time in the past, not an error.
     */
    private static void expire(Session s, Command a, RespEncoder out, boolean seconds, boolean absolute,
            String command) {
        Store.ExpireCondition condition = expireCondition(a);
        long when = Numbers.requireLong(a.get(2));
        CommandError invalid = new CommandError("ERR invalid expire time in '" + command + "' command");
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw invalid; // the conversion to milliseconds would overflow
            }
            when *= 1000;
        }
        long base = absolute ? 0 : s.store().now();
        if (when > Long.MAX_VALUE - base) {
            throw invalid;
        }
        out.integer(s.store().expireAt(a.key(1), when + base, condition) ? 1 : 0);
    }

    /** Redis 7's parseExtendedExpireArgumentsOrReply: repeats are fine, some pairs are not. */
    private static Store.ExpireCondition expireCondition(Command a) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < a.size(); i++) {
            if (a.is(i, "nx")) {
                nx = true;
            } else if (a.is(i, "xx")) {
                xx = true;
            } else if (a.is(i, "gt")) {
                gt = true;
            } else if (a.is(i, "lt")) {
                lt = true;
            } else {
                throw new CommandError("ERR Unsupported option " + Numbers.key(a.get(i)));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new CommandError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            throw new CommandError("ERR GT and LT options at the same time are not compatible");
        }
        return new Store.ExpireCondition(nx, xx, gt, lt);
    }
}
