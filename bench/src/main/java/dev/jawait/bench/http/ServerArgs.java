package dev.jawait.bench.http;

/**
 * Command-line options shared by the peer servers: {@code --port N} (0 picks a free port),
 * {@code --bind ADDR} (default 127.0.0.1), {@code --threads N} (default: one per core).
 *
 * <pre>{@code
 * ServerArgs a = ServerArgs.parse(new String[] {"--port", "8081"});
 * }</pre>
 */
public record ServerArgs(String bind, int port, int threads) {

    /** Parses the options; unknown options fail with a message. */
    public static ServerArgs parse(String[] args) {
        String bind = "127.0.0.1";
        int port = 8080;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--bind" -> bind = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --port N, --bind ADDR, --threads N)");
            }
        }
        return new ServerArgs(bind, port, threads);
    }
}
