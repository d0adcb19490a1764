/**
 * Unix signals as futures, in the style of {@code tokio::signal}: {@link dev.jawait.signal.Signals#shutdown()}
 * for a graceful stop on {@code SIGTERM} or Ctrl-C, and {@link dev.jawait.signal.SignalReceiver}s
 * for signals a service handles again and again.
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     try (AsyncRuntime runtime = AsyncRuntime.newMultiThread();
 *          SignalReceiver stop = Signals.receiver("TERM", "INT");
 *          SignalReceiver reload = Signals.receiver("HUP")) {
 *         runtime.spawn(ServerAsync.reloadOn(reload));             // await(reload.recv()) in a loop
 *         runtime.blockOn(Futures.select(ServerAsync.serve(port), stop.recv().map(s -> null)));
 *     }   // runtime.close(): every task's finally runs, then main returns and the JVM exits 0
 * }
 * }</pre>
 *
 * <p>This package is the one place that uses {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}, present in every JDK 17 and 25): one JVM handler per signal, shared by
 * all the receivers of that signal, and the JVM's own handler put back when the last one closes.
 * Signals the JVM keeps for itself ({@code QUIT}, {@code USR2} on Linux) and those nobody can
 * handle ({@code KILL}, {@code STOP}) are refused with {@link java.lang.UnsupportedOperationException}.
 */
package dev.jawait.signal;
