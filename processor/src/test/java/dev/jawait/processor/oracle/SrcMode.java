package dev.jawait.processor.oracle;

/**
 * How every {@link Src} created during one run behaves. Sources are numbered from 1 in creation
 * order (which is Java's evaluation order), so "the 3rd source" names the same await in the
 * blocking template and in the companion's state machine.
 *
 * <pre>{@code
 * Src.reset(SrcMode.pending(3));       // every source is pending 3 times, then ready
 * Src.reset(SrcMode.failAt(2, 1));     // source #2 is pending once, then throws
 * }</pre>
 *
 * @param pendings how many polls return pending before a source completes
 * @param failAt   the source that fails with an injected exception instead (0: none)
 * @param cancelAtFail whether the injected failure is a {@code CancellationException} (the
 *                 blocking model of an abort at that await)
 * @param hangAt   the source that never completes (0: none); the cancellation test aborts there
 */
public record SrcMode(int pendings, int failAt, boolean cancelAtFail, int hangAt) {

    /** Every source ready at once. */
    public static SrcMode ready() {
        return new SrcMode(0, 0, false, 0);
    }

    /** Every source pending {@code k} times, then ready. */
    public static SrcMode pending(int k) {
        return new SrcMode(k, 0, false, 0);
    }

    /** Source {@code index} throws after {@code pendings} pending polls; the others are pending as long. */
    public static SrcMode failAt(int index, int pendings) {
        return new SrcMode(pendings, index, false, 0);
    }

    /** Source {@code index} throws {@code CancellationException}: what an abort there means. */
    public static SrcMode cancelAt(int index) {
        return new SrcMode(1, index, true, 0);
    }

    /** Source {@code index} never completes; the others are pending once. */
    public static SrcMode hangAt(int index) {
        return new SrcMode(1, 0, false, index);
    }

    /** A short label for test reports. */
    public String label() {
        if (hangAt > 0) return "HANG@" + hangAt;
        if (failAt > 0) return (cancelAtFail ? "CANCEL@" : "FAIL@") + failAt + "/p" + pendings;
        return pendings == 0 ? "READY" : "PENDING(" + pendings + ")";
    }
}
