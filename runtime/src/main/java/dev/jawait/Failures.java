package dev.jawait;

/**
 * Rethrowing failures across {@link Future#poll}, which cannot declare checked exceptions.
 *
 * <pre>{@code
 * catch (IOException e) {
 *     throw Failures.sneaky(e);     // the TryFuture's E, thrown from poll
 * }
 * }</pre>
 */
public final class Failures {
    private Failures() {}

    /**
     * Throws {@code failure} as is, checked or not. Declared to return an exception so callers
     * can write {@code throw Failures.sneaky(e)} and keep javac's flow analysis happy.
     *
     * @param failure the exception to throw, checked or not
     * @return never returns normally; the type lets callers write {@code throw}
     */
    public static RuntimeException sneaky(Throwable failure) {
        throw Failures.<RuntimeException>raise(failure);
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> X raise(Throwable failure) throws X {
        throw (X) failure;
    }
}
