package dev.jawait.samples.miniredis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Connection and server commands: PING, ECHO, QUIT, SELECT, INFO, and what redis-cli and
 * redis-benchmark send on connect (CONFIG GET, COMMAND / COMMAND DOCS, CLIENT SETNAME). HELLO is
 * deliberately absent: like a Redis 2 server we answer it "unknown command", and RESP3 clients
 * fall back to RESP2.
 *
 * <pre>{@code
 * CONFIG GET save      -> *2 $4 save $0
 * COMMAND DOCS         -> *0
 * CLIENT SETNAME app   -> +OK
 * }</pre>
 */
final class ServerCommands {
    private static final byte[] PONG_LOWER = Numbers.latin1("pong");
    private static final byte[] EMPTY = new byte[0];

    private ServerCommands() {}

    static void register(CommandTable t) {
        t.add("PING", -1, true, ServerCommands::ping);
        t.add("ECHO", 2, false, (s, a, out) -> out.bulk(a.get(1)));
        t.add("QUIT", -1, true, (s, a, out) -> {
            out.ok();
            s.quit();
        });
        t.add("SELECT", 2, false, (s, a, out) -> {
            if (Numbers.requireLong(a.get(1)) != 0) {
                throw new CommandError("ERR DB index is out of range");
            }
            out.ok();
        });
        t.add("CONFIG", -2, false, ServerCommands::config);
        t.add("COMMAND", -1, false, (s, a, out) -> {
            String sub = a.size() > 1 ? Numbers.key(a.get(1)).toUpperCase(Locale.ROOT) : "";
            switch (sub) {
                case "COUNT" -> out.integer(s.server().commands().size());
                // Empty answers: clients take them as "no metadata" and carry on.
                case "", "DOCS", "INFO", "LIST" -> out.arrayHeader(0);
                default -> throw unknownSubcommand(a.get(1), "COMMAND");
            }
        });
        t.add("CLIENT", -2, false, ServerCommands::client);
        t.add("INFO", -1, false, (s, a, out) -> out.bulk(info(s)));
    }

    private static void ping(Session s, Command a, RespEncoder out) {
        if (a.size() > 2) {
            throw new CommandError(CommandTable.wrongArity("ping"));
        }
        if (s.inPubSubContext()) { // a subscribed RESP2 client gets ["pong", message]
            out.arrayHeader(2).bulk(PONG_LOWER).bulk(a.size() == 2 ? a.get(1) : EMPTY);
        } else if (a.size() == 2) {
            out.bulk(a.get(1));
        } else {
            out.simple("PONG");
        }
    }

    private static void config(Session s, Command a, RespEncoder out) {
        String sub = Numbers.key(a.get(1)).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "GET" -> {
                if (a.size() < 3) {
                    throw new CommandError(CommandTable.wrongArity("config|get"));
                }
                Map<String, String> known = new LinkedHashMap<>();
                known.put("save", "");
                known.put("appendonly", "no");
                known.put("databases", "1");
                known.put("maxmemory", "0");
                known.put("timeout", "0");
                known.put("port", Integer.toString(s.server().port()));
                List<String> found = new ArrayList<>();
                for (int i = 2; i < a.size(); i++) {
                    byte[] pattern = Numbers.latin1(Numbers.key(a.get(i)).toLowerCase(Locale.ROOT));
                    for (Map.Entry<String, String> e : known.entrySet()) {
                        if (!found.contains(e.getKey()) && Glob.matches(pattern, Numbers.latin1(e.getKey()))) {
                            found.add(e.getKey());
                        }
                    }
                }
                out.arrayHeader(found.size() * 2);
                for (String name : found) {
                    out.bulk(name).bulk(known.get(name));
                }
            }
            case "RESETSTAT" -> out.ok();
            case "SET" -> throw new CommandError("ERR CONFIG SET is not supported by mini-redis");
            default -> throw unknownSubcommand(a.get(1), "CONFIG");
        }
    }

    private static void client(Session s, Command a, RespEncoder out) {
        String sub = Numbers.key(a.get(1)).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "SETNAME" -> {
                if (a.size() != 3) {
                    throw new CommandError(CommandTable.wrongArity("client|setname"));
                }
                String name = Numbers.key(a.get(2));
                for (int i = 0; i < name.length(); i++) {
                    if (name.charAt(i) <= ' ' || name.charAt(i) > '~') {
                        throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
                    }
                }
                s.name(name.isEmpty() ? null : name);
                out.ok();
            }
            case "GETNAME" -> {
                if (s.name() == null) {
                    out.nullBulk();
                } else {
                    out.bulk(s.name());
                }
            }
            case "ID" -> out.integer(s.id());
            case "SETINFO" -> out.ok();
            default -> throw unknownSubcommand(a.get(1), "CLIENT");
        }
    }

    private static String info(Session s) {
        ServerState server = s.server();
        long uptime = (server.store().now() - server.startedAt()) / 1000;
        return "# Server\r\n"
                + "redis_version:7.0.0\r\n"
                + "redis_mode:standalone\r\n"
                + "server_name:mini-redis (jawait)\r\n"
                + "tcp_port:" + server.port() + "\r\n"
                + "uptime_in_seconds:" + uptime + "\r\n"
                + "\r\n# Clients\r\n"
                + "connected_clients:" + server.connectedClients() + "\r\n"
                + "maxclients:" + server.maxClients() + "\r\n"
                + "\r\n# Stats\r\n"
                + "total_connections_received:" + server.totalConnectionsReceived() + "\r\n"
                + "rejected_connections:" + server.rejectedConnections() + "\r\n"
                + "client_query_buffer_limit_disconnections:" + server.queryBufferLimitDisconnections() + "\r\n"
                + "client_output_buffer_limit_disconnections:" + server.outputLimitDisconnections() + "\r\n"
                + "\r\n# Keyspace\r\n"
                + "db0:keys=" + server.store().size() + ",expires=0,avg_ttl=0\r\n";
    }

    private static CommandError unknownSubcommand(byte[] sub, String command) {
        return new CommandError("ERR unknown subcommand '" + Numbers.key(sub) + "'. Try "
                + command + " HELP.");
    }
}
