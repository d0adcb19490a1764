package dev.jawait.runtime.driver;

import java.io.IOException;

/**
 * The failure of an operation on a socket its owner has closed, or of one that was pending when
 * it was closed: the typed form of {@code IOException("socket closed")} (the message is kept).
 * Code that must tell "we closed it" from a network error catches this type instead of
 * matching the message.
 *
 * <pre>{@code
 * try {
 *     await(socket.read(buf));
 * } catch (SocketClosedException e) {
 *     // another task closed the socket: shutting down, not a peer failure
 * }
 * }</pre>
 */
public final class SocketClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The message every such failure carries. */
    public static final String MESSAGE = "socket closed";

    /** A "socket closed" failure. */
    public SocketClosedException() {
        super(MESSAGE);
    }
}
