package dev.jawait.bench.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS benchmark's key material: one PKCS12 key store (made by {@code bench/scripts/tls-compare.sh}
 * with {@code keytool}: an EC P-256 self-signed certificate for {@code localhost}), read by the
 * servers for their key and by the load client as its only trust anchor, so both peers of a
 * comparison use the same certificate and the same JDK provider.
 *
 * <pre>{@code
 * SSLContext server = TlsBenchKeys.serverContext(Path.of("server.p12"), "changeit");
 * SSLContext client = TlsBenchKeys.clientContext(Path.of("server.p12"), "changeit");
 * }</pre>
 */
public final class TlsBenchKeys {
    private TlsBenchKeys() {}

    private static KeyStore load(Path keyStore, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** The store's key and certificate, for a server (Netty's {@code SslContextBuilder.forServer} takes it too). */
    public static KeyManagerFactory keyManagers(Path keyStore, String password) throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(keyStore, password), password.toCharArray());
        return kmf;
    }

    /** A context with the store's key and certificate. */
    public static SSLContext serverContext(Path keyStore, String password) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(keyStore, password).getKeyManagers(), null, null);
        return context;
    }

    /** A context trusting the store's certificate only. */
    public static SSLContext clientContext(Path keyStore, String password) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        KeyStore store = load(keyStore, password);
        trust.setCertificateEntry("server", store.getCertificate(store.aliases().nextElement()));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
