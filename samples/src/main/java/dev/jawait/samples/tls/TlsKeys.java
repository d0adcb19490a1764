package dev.jawait.samples.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Keys for the TLS samples: a PKCS12 key store given with {@code --keystore}/{@code --storepass},
 * or — so that the samples run with no setup — a self-signed certificate for {@code localhost}
 * and {@code 127.0.0.1} made with the JDK's {@code keytool}. Either way its certificate is also
 * written as PEM, for {@code curl --cacert} or {@code openssl s_client -CAfile}.
 *
 * <pre>{@code
 * TlsKeys keys = TlsKeys.selfSigned(Files.createTempDirectory("tls"));
 * SSLContext server = keys.serverContext();
 * SSLContext client = TlsKeys.trusting(keys.certificatePem());
 * }</pre>
 */
public final class TlsKeys {
    private final KeyStore store;
    private final char[] password;
    private final Path certificatePem;

    private TlsKeys(KeyStore store, char[] password, Path certificatePem) {
        this.store = store;
        this.password = password;
        this.certificatePem = certificatePem;
    }

    /** Loads a PKCS12 key store holding one key entry; writes its certificate as PEM next to it. */
    public static TlsKeys load(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        Certificate certificate = store.getCertificate(store.aliases().nextElement());
        Path pem = keyStore.resolveSibling(keyStore.getFileName() + ".pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return new TlsKeys(store, password, pem);
    }

    /** Makes a self-signed EC P-256 certificate for localhost in {@code dir} with keytool (a second or so). */
    public static TlsKeys selfSigned(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        Path file = dir.resolve("localhost.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-validity", "30", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool failed: " + output);
        }
        return load(file, "changeit".toCharArray());
    }

    /** A server context holding the key and certificate. */
    public SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** The certificate, PEM-encoded. */
    public Path certificatePem() {
        return certificatePem;
    }

    /** A client context trusting only the certificates in {@code pem}. */
    public static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /**
     * {@code --keystore FILE --storepass PW} from {@code options}, or a self-signed certificate in a
     * new temporary directory when they are absent (for the sample mains).
     */
    public static TlsKeys fromOptions(String keyStore, String password) throws Exception {
        if (keyStore != null) {
            if (password == null) {
                throw new IllegalArgumentException("--keystore needs --storepass");
            }
            return load(Path.of(keyStore), password.toCharArray());
        }
        Path dir = Files.createTempDirectory("jawait-tls-sample");
        return selfSigned(dir);
    }
}
