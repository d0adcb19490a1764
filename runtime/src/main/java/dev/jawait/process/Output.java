package dev.jawait.process;

import java.nio.charset.StandardCharsets;

/**
 * What a finished child process left: its exit code and everything it wrote — the result of
 * {@link Command#output()}.
 *
 * <pre>{@code
 * Output out = await(new Command("git", "rev-parse", "HEAD").output());
 * if (!out.success()) throw new IOException("git failed: " + out.stderrText());
 * String commit = out.stdoutText().trim();
 * }</pre>
 *
 * @param exitCode the exit code; 128 + the signal's number when a signal ended it (137: SIGKILL)
 * @param stdout all it wrote to standard output
 * @param stderr all it wrote to standard error
 */
public record Output(int exitCode, byte[] stdout, byte[] stderr) {
    /**
     * Whether it exited with code 0.
     *
     * @return {@code true} for exit code 0
     */
    public boolean success() {
        return exitCode == 0;
    }

    /**
     * Standard output as UTF-8 text.
     *
     * @return the bytes of standard output decoded as UTF-8
     */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * Standard error as UTF-8 text.
     *
     * @return the bytes of standard error decoded as UTF-8
     */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Output[exit " + exitCode + ", " + stdout.length + " bytes out, " + stderr.length + " bytes err]";
    }
}
