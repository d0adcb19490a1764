package dev.jawait.samples.miniredis;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command name to handler, with Redis' arity rule and its checks done before the handler runs:
 * unknown command, wrong number of arguments, command not allowed while subscribed. A handler's
 * {@link CommandError} becomes an error reply; the connection goes on.
 *
 * <pre>{@code
 * CommandTable table = CommandTable.standard();
 * table.execute(session, List.of("PING".getBytes()), out);   // "+PONG\r\n"
 * }</pre>
 */
public final class CommandTable {

    /** Runs one command and appends its reply. */
    @FunctionalInterface
    public interface Handler {
        void run(Session session, List<byte[]> args, RespEncoder out);
    }

    /**
     * A command: {@code arity} as in Redis (n = exactly n arguments counting the name, -n = at
     * least n); {@code pubSub} = allowed in a subscribed connection.
     */
    public record Spec(String name, int arity, boolean pubSub, Handler handler) {}

    private final Map<String, Spec> byName = new HashMap<>();

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
        byName.put(upper, new Spec(upper, arity, pubSub, handler));
    }

    /** Number of commands. */
    public int size() {
        return byName.size();
    }

    /** Executes one non-empty command, appending exactly one reply (several for SUBSCRIBE). */
    public void execute(Session session, List<byte[]> args, RespEncoder out) {
        String given = new String(args.get(0), StandardCharsets.ISO_8859_1);
        Spec spec = byName.get(given);
        if (spec == null) {
            spec = byName.get(given.toUpperCase(Locale.ROOT));
        }
        if (spec == null) {
            out.error(unknownCommand(given, args));
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
    static String unknownCommand(String given, List<byte[]> args) {
        StringBuilder quoted = new StringBuilder();
        for (int i = 1; i < args.size() && quoted.length() < 128; i++) {
            String arg = new String(args.get(i), StandardCharsets.ISO_8859_1);
            int room = 128 - quoted.length();
            quoted.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
        }
        String name = given.length() > 128 ? given.substring(0, 128) : given;
        return "ERR unknown command '" + name + "', with args beginning with: " + quoted;
    }
}
