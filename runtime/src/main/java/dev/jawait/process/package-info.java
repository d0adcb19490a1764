/**
 * Child processes whose pipes and exit are futures, in the style of {@code tokio::process}:
 * {@link dev.jawait.process.Command} says what to run and how, {@link dev.jawait.process.Child} is
 * the running process, {@link dev.jawait.process.Output} what a finished one left.
 *
 * <pre>{@code
 * // Run to the end and collect what it printed:
 * Output out = await(new Command("git", "status", "--short").directory(repo).output());
 *
 * // Talk to it while it runs:
 * try (Child grep = await(new Command("grep", "--line-buffered", "ERROR").spawn())) {
 *     JoinHandle<Void> feeding = Task.spawn(FeedAsync.all(grep.stdin(), logLines));   // writes, then closes stdin
 *     ByteBuffer buf = ByteBuffer.allocate(8192);
 *     while (await(grep.stdout().read(buf.clear())) >= 0) {
 *         alert(buf.flip());
 *     }
 *     int code = await(grep.waitFor());
 * }   // aborted anywhere above: close() kills grep
 * }</pre>
 *
 * <h2>How</h2>
 * The JDK gives no selectable handle on a child's pipes, so each read or write of a pipe waits on
 * the runtime's blocking pool (a child being fed and read holds up to two of its threads while it
 * works), and starting a program — the JDK forks a helper that executes it — runs there too. The
 * exit comes from {@link java.lang.Process#onExit()}: the JDK's reaper thread waits for every child
 * it started, so none is left a zombie. {@link dev.jawait.process.Command#killOnAbort(boolean)}
 * (on by default) kills the child when the task waiting for its exit is aborted, and when its
 * {@code Child} is closed while it runs.
 */
package dev.jawait.process;
