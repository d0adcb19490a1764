package dev.jawait.samples.miniredis;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Command name to handler, with Redis' arity rule and its checks done before the handler runs:
 * unknown command, wrong number of arguments, command not allowed while subscribed. A handler's
 * {@link CommandError} becomes an error reply; the connection goes on. The name is looked up
 * straight from the request bytes, ignoring ASCII case, without making a {@code String}.
 *
 * <pre>{@code
 * CommandTable table = CommandTable.standard();
 * RespParser.next(ByteBuffer.wrap("PING\r\n".getBytes()), command);
 * table.execute(session, command, out);   // "+PONG\r\n"
 * }</pre>
 */
public final class CommandTable {

    /** Runs one command and appends its reply. */
    @FunctionalInterface
    public interface Handler {
        void run(Session session, Command args, RespEncoder out);
    }

    /**
     * A command: {@code arity} as in Redis (n = exactly n arguments counting the name, -n = at
     * least n); {@code pubSub} = allowed in a subscribed connection.
     */
    public record Spec(String name, int arity, boolean pubSub, Handler handler) {}

    /** Open addressing by a case-insensitive hash of the name; sized for a load of at most 1/4. */
    private Spec[] slots = new Spec[64];
    private byte[][] lowerNames = new byte[64][];
    private int size;

    /** The table of every command mini-redis implements. */
    public static CommandTable standard() {
        CommandTable table = new CommandTable();
        StringCommands.register(table);
        KeyCommands.register(table);
        ServerCommands.register(table);
        PubSubCommands.register(table);
        return table;
    }

    /** Adds a command (name case-insensitive). */
    public void add(String name, int arity, boolean pubSub, Handler handler) {
        String upper = name.toUpperCase(Locale.ROOT);
        byte[] lower = upper.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
        if ((size + 1) * 4 > slots.length) {
            rehash(slots.length * 2);
        }
        int i = find(lower, 0, lower.length);
        if (slots[i] == null) {
            size++;
        }
        slots[i] = new Spec(upper, arity, pubSub, handler);
        lowerNames[i] = lower;
    }

    /** Number of commands. */
    public int size() {
        return size;
    }

    /** The command named {@code name[offset, offset + length)} in any ASCII case, or null. */
    Spec lookup(byte[] name, int offset, int length) {
        return slots[find(name, offset, length)];
    }

    /** Executes one non-empty command, appending exactly one reply (several for SUBSCRIBE). */
    public void execute(Session session, Command args, RespEncoder out) {
        Spec spec = lookup(args.array(), args.offset(0), args.length(0));
        if (spec == null) {
            out.error(unknownCommand(new String(args.get(0), StandardCharsets.ISO_8859_1), args));
            return;
        }
        int n = args.size();
        if (spec.arity > 0 ? n != spec.arity : n < -spec.arity) {
            out.error(wrongArity(spec.name));
            return;
        }
        if (session.inPubSubContext() && !spec.pubSub) {
            out.error("ERR Can't execute '" + spec.name.toLowerCase(Locale.ROOT)
                    + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed"
                    + " in this context");
            return;
        }
        try {
            spec.handler.run(session, args, out);
        } catch (CommandError e) {
            out.error(e.getMessage());
        }
    }

    /** Redis' "wrong number of arguments" error for a command or {@code container|sub}. */
    static String wrongArity(String name) {
        return "ERR wrong number of arguments for '" + name.toLowerCase(Locale.ROOT) + "' command";
    }

    /** Redis 7's unknown-command error, quoting the first arguments up to 128 characters. */
    static String unknownCommand(String given, Command args) {
        StringBuilder quoted = new StringBuilder();
        for (int i = 1; i < args.size() && quoted.length() < 128; i++) {
            String arg = new String(args.get(i), StandardCharsets.ISO_8859_1);
            int room = 128 - quoted.length();
            quoted.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
        }
        String name = given.length() > 128 ? given.substring(0, 128) : given;
        return "ERR unknown command '" + name + "', with args beginning with: " + quoted;
    }

    /** The slot holding {@code name} (ASCII case ignored), or the empty slot where it would go. */
    private int find(byte[] name, int offset, int length) {
        int h = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + Command.lower(name[i]);
        }
        int mask = slots.length - 1;
        for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
            byte[] candidate = lowerNames[i];
            if (candidate == null || sameIgnoringCase(candidate, name, offset, length)) {
                return i;
            }
        }
    }

    private static boolean sameIgnoringCase(byte[] lower, byte[] name, int offset, int length) {
        if (lower.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lower[i] != Command.lower(name[offset + i])) {
                return false;
            }
        }
        return true;
    }

    private void rehash(int capacity) {
        Spec[] oldSlots = slots;
        byte[][] oldNames = lowerNames;
        slots = new Spec[capacity];
        lowerNames = new byte[capacity][];
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] != null) {
                int j = find(oldNames[i], 0, oldNames[i].length);
                slots[j] = oldSlots[i];
                lowerNames[j] = oldNames[i];
            }
        }
    }
}
