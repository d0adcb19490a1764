package dev.jawait.samples.http;

import java.nio.ByteBuffer;

/**
 * The read buffer and reply output a connection borrows for one exchange — one pair per thread,
 * shared by every connection that thread serves. An exchange never awaits while it holds them
 * (it reads what is there, answers, writes what the socket takes, and gives them back), so a
 * task that moves to another worker at its next await cannot share them with another task. This
 * is why an idle connection of the hello server holds no buffer at all.
 *
 * <pre>{@code
 * ScratchBuffers scratch = ScratchBuffers.get();
 * ByteBuffer in = scratch.input();      // cleared, SIZE bytes
 * scratch.output().reset();
 * }</pre>
 */
final class ScratchBuffers {
    /**
     * Bytes one read takes in, together with what the connection kept from its last read: twice
     * the longest head ({@link HttpRequestParser#MAX_HEAD}), so that a kept incomplete head
     * always leaves room to read the rest of it.
     */
    static final int SIZE = 2 * HttpRequestParser.MAX_HEAD;

    private static final ThreadLocal<ScratchBuffers> PER_THREAD = ThreadLocal.withInitial(ScratchBuffers::new);

    /**
     * Direct: the read system call fills it in place, where NIO reads into a heap buffer through
     * a temporary direct one (a copy and a per-thread cache lookup per read).
     */
    private final ByteBuffer input = ByteBuffer.allocateDirect(SIZE);
    private final HelloResponder.Output output = new HelloResponder.Output();

    private ScratchBuffers() {}

    /** The calling thread's pair. */
    static ScratchBuffers get() {
        return PER_THREAD.get();
    }

    /** The read buffer, cleared. */
    ByteBuffer input() {
        return input.clear();
    }

    /** The reply output, emptied. */
    HelloResponder.Output output() {
        output.reset();
        return output;
    }
}
