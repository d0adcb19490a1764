package dev.jawait.internal;

import dev.jawait.TryFuture;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Virtual dispatch for generated companions (docs/ARCHITECTURE.md, "Virtual dispatch"): {@code XAsync.m(self,
 * ...)} runs what {@code self.m(...)} would run — the most specific override for {@code self}'s
 * class, compiled with {@code X} or separately. An {@code @Async} override runs as its state machine
 * (through its companion's non-virtual entry {@code m_super}); a plain override (a hand-written
 * implementation, a mock) is called on the future's first poll, its value or exception completing
 * the future. Called from generated code only:
 *
 * <pre>{@code
 * public final class RepoAsync {
 *     private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
 *     static { VirtualDispatch.register(LOOKUP); }
 *
 *     public static Future<User> find(Repo self, long id) {
 *         try {
 *             return (Future<User>) Dispatchers.find.invokeExact(self, id);
 *         } catch (Throwable failure) {
 *             throw Failures.sneaky(failure);
 *         }
 *     }
 *
 *     private static Future<User> find_plain(Repo self, long id) {
 *         return VirtualDispatch.plain(() -> self.find(id));
 *     }
 *
 *     private static final class Dispatchers {   // made on the first dispatched call
 *         static final MethodHandle find = VirtualDispatch.dispatcher(LOOKUP, "find",
 *                 MethodType.methodType(Future.class, Repo.class, long.class));
 *     }
 * }
 * }</pre>
 *
 * <p>Cost: the override is found by reflection once per receiver class, and the call site links
 * the first few classes as class checks in front of direct calls, so a dispatched call is a class
 * compare and the entry's own allocation (the state machine) — see {@link DispatchSite}.
 */
public final class VirtualDispatch {
    private VirtualDispatch() {}

    /** A call that may throw anything, made by {@link #plain}. */
    @FunctionalInterface
    public interface Call<T> {
        /**
         * Makes the call.
         *
         * @return the call's result
         * @throws Throwable whatever the called method throws
         */
        T call() throws Throwable;
    }

    /**
     * Makes the templates of the companion whose own lookup this is reachable from dispatchers in
     * other companions (its entries may be package-private). Every companion of a class with
     * instance {@code @Async} methods calls it from its static initializer.
     *
     * @param companion the companion's own {@code MethodHandles.lookup()}
     */
    public static void register(MethodHandles.Lookup companion) {
        Companions.register(companion);
    }

    /**
     * The dispatcher of the companion method {@code name} of type {@code type}: its first
     * parameter is the receiver {@code X}, the rest {@code m}'s erased parameters; it returns
     * {@code Future} or {@code TryFuture}. The companion must have {@code name_plain} of the same
     * type, and {@code name_super} unless {@code X.m} is abstract. Keep it in a {@code static final}
     * field: the JIT then compiles {@code invokeExact} through it to the linked targets.
     *
     * @param companion the lookup of the companion asking
     * @param name the {@code @Async} method's name
     * @param type the companion method's type, receiver first
     * @return a method handle that runs the override for the receiver's class
     */
    public static MethodHandle dispatcher(MethodHandles.Lookup companion, String name, MethodType type) {
        Companions.register(companion);
        return new DispatchSite(companion, name, type).dynamicInvoker();
    }

    /**
     * The future of a plain override: {@code call} runs on the first poll.
     *
     * @param <T> the value type
     * @param <E> the failure type the companion declares
     * @param call the plain override's call
     * @return a future of the call's result
     */
    public static <T, E extends Throwable> TryFuture<T, E> plain(Call<? extends T> call) {
        return new PlainCall<>(call);
    }
}
