package dev.jawait.samples.miniredis;

import java.util.List;
import java.util.Locale;

/**
 * String commands: GET, SET (EX/PX/EXAT/PXAT/NX/XX/KEEPTTL/GET), SETNX, MGET, MSET, INCR, DECR,
 * INCRBY, DECRBY, APPEND, STRLEN.
 *
 * <pre>{@code
 * SET counter 10 EX 60 NX   -> +OK
 * INCR counter              -> :11
 * }</pre>
 */
final class StringCommands {
    private StringCommands() {}

    static void register(CommandTable t) {
        t.add("GET", 2, false, (s, a, out) -> bulkOrNull(out, s.store().get(a.key(1))));
        t.add("SET", -3, false, StringCommands::set);
        t.add("SETNX", 3, false, (s, a, out) -> out.integer(s.store().set(a.key(1),
                a.get(2), Store.SetCondition.IF_ABSENT, 0, false).written() ? 1 : 0));
        t.add("MGET", -2, false, (s, a, out) -> {
            out.arrayHeader(a.size() - 1);
            for (int i = 1; i < a.size(); i++) {
                bulkOrNull(out, s.store().get(a.key(i)));
            }
        });
        t.add("MSET", -3, false, (s, a, out) -> {
            if (a.size() % 2 == 0) {
                throw new CommandError(CommandTable.wrongArity("mset"));
            }
            for (int i = 1; i < a.size(); i += 2) {
                s.store().put(a.key(i), a.get(i + 1));
            }
            out.ok();
        });
        t.add("INCR", 2, false, (s, a, out) -> out.integer(s.store().incrementBy(a.key(1), 1)));
        t.add("DECR", 2, false, (s, a, out) -> out.integer(s.store().incrementBy(a.key(1), -1)));
        t.add("INCRBY", 3, false, (s, a, out) ->
                out.integer(s.store().incrementBy(a.key(1), Numbers.requireLong(a.get(2)))));
        t.add("DECRBY", 3, false, (s, a, out) -> {
            long by = Numbers.requireLong(a.get(2));
            if (by == Long.MIN_VALUE) {
                throw new CommandError("ERR decrement would overflow");
            }
            out.integer(s.store().incrementBy(a.key(1), -by));
        });
        t.add("STRLEN", 2, false, (s, a, out) -> {
            byte[] v = s.store().get(a.key(1));
            out.integer(v == null ? 0 : v.length);
        });
    }

    private static void set(Session s, Command a, RespEncoder out) {
        if (a.size() == 3) { // plain SET: the hot path, no options to parse, no previous value
            s.store().put(a.key(1), a.get(2));
            out.ok();
            return;
        }
        Store.SetCondition condition = Store.SetCondition.ALWAYS;
        long expiresAt = 0;
        boolean keepTtl = false;
        boolean get = false;
        for (int i = 3; i < a.size(); i++) {
            String option = Numbers.key(a.get(i)).toUpperCase(Locale.ROOT);
            boolean hasNext = i + 1 < a.size();
            switch (option) {
                case "NX", "XX" -> {
                    if (condition != Store.SetCondition.ALWAYS) {
                        throw new CommandError(CommandError.SYNTAX);
                    }
                    condition = option.equals("NX") ? Store.SetCondition.IF_ABSENT
                            : Store.SetCondition.IF_PRESENT;
                }
                case "GET" -> get = true;
                case "KEEPTTL" -> {
                    if (expiresAt != 0) {
                        throw new CommandError(CommandError.SYNTAX);
                    }
                    keepTtl = true;
                }
                case "EX", "PX", "EXAT", "PXAT" -> {
                    if (!hasNext || expiresAt != 0 || keepTtl) {
                        throw new CommandError(CommandError.SYNTAX);
                    }
                    expiresAt = absoluteExpiry(s.store().now(), option, Numbers.requireLong(a.get(++i)), "set");
                }
                default -> throw new CommandError(CommandError.SYNTAX);
            }
        }
        Store.SetOutcome outcome = s.store().set(a.key(1), a.get(2), condition, expiresAt, keepTtl);
        if (get) {
            bulkOrNull(out, outcome.previous());
        } else if (outcome.written()) {
            out.ok();
        } else {
            out.nullBulk();
        }
    }

    /**
     * Epoch millis for an EX/PX/EXAT/PXAT amount; Redis rejects non-positive amounts and
     * overflowing ones with "invalid expire time in '{command}' command".
     */
    static long absoluteExpiry(long now, String unit, long amount, String command) {
        String invalid = "ERR invalid expire time in '" + command + "' command";
        if (amount <= 0) {
            throw new CommandError(invalid);
        }
        boolean seconds = unit.equals("EX") || unit.equals("EXAT");
        if (seconds && amount > Long.MAX_VALUE / 1000) {
            throw new CommandError(invalid);
        }
        long millis = seconds ? amount * 1000 : amount;
        boolean relative = unit.equals("EX") || unit.equals("PX");
        if (relative && millis > Long.MAX_VALUE - now) {
            throw new CommandError(invalid);
        }
        return relative ? now + millis : millis;
    }

    static void bulkOrNull(RespEncoder out, byte[] value) {
        if (value == null) {
            out.nullBulk();
        } else {
            out.bulk(value);
        }
    }
}
