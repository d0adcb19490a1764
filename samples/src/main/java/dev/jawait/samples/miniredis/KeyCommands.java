package dev.jawait.samples.miniredis;

import java.util.List;
import java.util.Locale;

/**
 * Keyspace commands: DEL, EXISTS, EXPIRE, PEXPIRE, TTL, PTTL, PERSIST, KEYS, TYPE, DBSIZE,
 * FLUSHALL, FLUSHDB.
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
        t.add("EXPIRE", -3, false, (s, a, out) -> expire(s, a, out, "EX", "expire"));
        t.add("PEXPIRE", -3, false, (s, a, out) -> expire(s, a, out, "PX", "pexpire"));
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

    /** EXPIRE/PEXPIRE key amount [NX|XX|GT|LT]; a non-positive amount deletes the key. */
    private static void expire(Session s, Command a, RespEncoder out, String unit, String command) {
        long amount = Numbers.requireLong(a.get(2));
        String option = null;
        for (int i = 3; i < a.size(); i++) {
            String o = Numbers.key(a.get(i)).toUpperCase(Locale.ROOT);
            boolean known = o.equals("NX") || o.equals("XX") || o.equals("GT") || o.equals("LT");
            if (!known) {
                throw new CommandError("ERR Unsupported option " + Numbers.key(a.get(i)));
            }
            if (option != null && !option.equals(o)) {
                throw new CommandError("ERR NX and XX, GT or LT options at the same time are not compatible");
            }
            option = o;
        }
        long now = s.store().now();
        long when;
        if (amount <= 0) {
            when = now; // already expired: EXPIRE with a past time deletes the key
        } else {
            when = StringCommands.absoluteExpiry(now, unit, amount, command);
        }
        out.integer(s.store().expireAt(a.key(1), when, option) ? 1 : 0);
    }
}
