package dev.jawait.sync;

/**
 * Thrown by {@link Semaphore#acquire} (and its blocking form) once the semaphore has been
 * {@linkplain Semaphore#close() closed}.
 *
 * <pre>{@code
 * try {
 *     Permit p = await(semaphore.acquire());
 * } catch (SemaphoreClosedException e) {
 *     return;                             // shutting down
 * }
 * }</pre>
 */
public final class SemaphoreClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a fixed message. */
    public SemaphoreClosedException() {
        super("semaphore closed");
    }
}
