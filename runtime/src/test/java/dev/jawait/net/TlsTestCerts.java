package dev.jawait.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made at test time with the JDK's {@code keytool} (once per test JVM, in a temp
 * directory deleted at exit): a self-signed EC P-256 certificate for {@code localhost} and
 * {@code 127.0.0.1}, the server context holding its key, a client context trusting it, and the
 * certificate as PEM for {@code openssl}/{@code curl}. A second, unrelated certificate serves the
 * "unknown certificate" cases.
 *
 * <pre>{@code
 * SSLContext server = TlsTestCerts.localhost().serverContext();
 * SSLContext client = TlsTestCerts.localhost().clientContext();
 * }</pre>
 */
final class TlsTestCerts {
    static final char[] PASSWORD = "changeit".toCharArray();

    private static TlsTestCerts localhost;
    private static TlsTestCerts stranger;

    private final Path keyStore;
    private final KeyStore store;
    private final SSLContext serverContext;
    private final SSLContext clientContext;

    private TlsTestCerts(Path keyStore) throws IOException, GeneralSecurityException {
        this.keyStore = keyStore;
        this.store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        clientContext = trusting(store.getCertificate("server"));
    }

    /** The certificate for {@code localhost} / {@code 127.0.0.1}. */
    static synchronized TlsTestCerts localhost() {
        if (localhost == null) {
            localhost = generate("localhost", "dns:localhost,ip:127.0.0.1");
        }
        return localhost;
    }

    /** Another self-signed certificate for {@code localhost}, trusted by nobody else. */
    static synchronized TlsTestCerts stranger() {
        if (stranger == null) {
            stranger = generate("localhost", "dns:localhost,ip:127.0.0.1");
        }
        return stranger;
    }

    private static TlsTestCerts generate(String commonName, String subjectAltNames) {
        try {
            Path dir = Files.createTempDirectory("jawait-tls-test");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("server.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName,
                    "-ext", "san=" + subjectAltNames, "-validity", "7", "-storetype", "PKCS12",
                    "-keystore", file.toString(), "-storepass", new String(PASSWORD),
                    "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool failed: " + output);
            }
            file.toFile().deleteOnExit();
            return new TlsTestCerts(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A context whose only trust anchor is {@code certificate} (no key of its own). */
    static SSLContext trusting(Certificate certificate) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("trusted", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** Holds the key and certificate. */
    SSLContext serverContext() {
        return serverContext;
    }

    /** Trusts this certificate only. */
    SSLContext clientContext() {
        return clientContext;
    }

    /** The PKCS12 key store (password {@link #PASSWORD}, alias {@code server}). */
    Path keyStore() {
        return keyStore;
    }

    Certificate certificate() {
        try {
            return store.getCertificate("server");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the certificate as PEM into {@code dir} (for {@code -CAfile} / {@code --cacert}). */
    Path writeCertificatePem(Path dir) throws IOException {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return Files.writeString(dir.resolve("server.pem"), pem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads PEM certificates (e.g. one openssl made) into a client context trusting them. */
    static SSLContext trustingPem(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<? extends Certificate> certs = List.copyOf(
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in));
            return trusting(certs.get(0));
        }
    }
}
