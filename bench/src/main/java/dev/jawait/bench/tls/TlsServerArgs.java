package dev.jawait.bench.tls;

import java.nio.file.Path;

/**
 * Options of the TLS echo servers: {@code --port N} (default 8443), {@code --threads N} (jawait
 * workers; default one per core), {@code --keystore FILE} and {@code --storepass PW} (required),
 * {@code --inline-task-limit-us N} (jawait: delegated tasks estimated at most this long run
 * inline; default: {@code TlsConfig}'s).
 *
 * <pre>{@code
 * TlsServerArgs a = TlsServerArgs.parse(new String[] {"--keystore", "server.p12", "--storepass", "changeit"});
 * }</pre>
 */
public record TlsServerArgs(int port, int threads, Path keyStore, String storePassword, long inlineTaskLimitMicros) {

    /** Parses the options; unknown ones fail with a message. */
    public static TlsServerArgs parse(String[] args) {
        int port = 8443;
        int threads = Runtime.getRuntime().availableProcessors();
        Path keyStore = null;
        String password = null;
        long inlineLimit = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--keystore" -> keyStore = Path.of(args[++i]);
                case "--storepass" -> password = args[++i];
                case "--inline-task-limit-us" -> inlineLimit = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (expected --port N, "
                        + "--threads N, --keystore FILE, --storepass PW, --inline-task-limit-us N)");
            }
        }
        if (keyStore == null || password == null) {
            throw new IllegalArgumentException("--keystore FILE and --storepass PW are required");
        }
        return new TlsServerArgs(port, threads, keyStore, password, inlineLimit);
    }
}
