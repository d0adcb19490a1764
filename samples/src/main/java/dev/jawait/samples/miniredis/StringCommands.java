package dev.jawait.samples.miniredis;

import java.util.List;
import java.util.Locale;

/**
 * String commands: GET, SET (EX/PX/EXAT/PXAT/NX/XX/KEEPTTL/GET), SETNX, MGET, MSET, INCR, DECR,
 * INCRBY, DECRBY, STRLEN.
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

    /**
     * SET key value [NX|XX] [GET] [EX|PX|EXAT|PXAT time|KEEPTTL], checked as Redis 7's
     * parseExtendedStringArgumentsOrReply does: every option is read before the time is parsed,
     * an option may repeat ({@code NX NX}, {@code EX 1 EX 2}: the last time wins), but NX with XX,
     * two different time units, or a time unit with KEEPTTL is a syntax error.
     */
    private static void set(Session s, Command a, RespEncoder out) {
        if (a.size() == 3) { // plain SET: the hot path, no options to parse, no previous value
            s.store().put(a.key(1), a.get(2));
            out.ok();
            return;
        }
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        String unit = null; // EX, PX, EXAT or PXAT
        int timeArg = -1;
        for (int i = 3; i < a.size(); i++) {
            String option = Numbers.key(a.get(i)).toUpperCase(Locale.ROOT);
            boolean hasNext = i + 1 < a.size();
            if (option.equals("NX") && !xx) {
                nx = true;
            } else if (option.equals("XX") && !nx) {
                xx = true;
            } else if (option.equals("GET")) {
                get = true;
            } else if (option.equals("KEEPTTL") && unit == null) {
                keepTtl = true;
            } else if (isTimeUnit(option) && !keepTtl && (unit == null || unit.equals(option)) && hasNext) {
                unit = option;
                timeArg = ++i;
            } else {
                throw new CommandError(CommandError.SYNTAX);
            }
        }
        long expiresAt = unit == null ? 0
                : absoluteExpiry(s.store().now(), unit, Numbers.requireLong(a.get(timeArg)), "set");
        Store.SetCondition condition = nx ? Store.SetCondition.IF_ABSENT
                : xx ? Store.SetCondition.IF_PRESENT : Store.SetCondition.ALWAYS;
        Store.SetOutcome outcome = s.store().set(a.key(1), a.get(2), condition, expiresAt, keepTtl);
        if (get) {
            bulkOrNull(out, outcome.previous());
        } else if (outcome.written()) {
            out.ok();
        } else {
            out.nullBulk();
        }
    }

    private static boolean isTimeUnit(String option) {
        return option.equals("EX") || option.equals("PX") || option.equals("EXAT") || option.equals("PXAT");
    }

    /**
     * Epoch millis for an EX/PX/EXAT/PXAT amount; Redis rejects non-positive amounts and
     * overflowing ones with "invalid expire time in '{command}' command".
     */
    private static long absoluteExpiry(long now, String unit, long amount, String command) {
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
