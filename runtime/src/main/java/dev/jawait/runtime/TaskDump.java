package dev.jawait.runtime;

import dev.jawait.Future;
import dev.jawait.internal.AsyncTraces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of a runtime's live tasks: for each, its id, scheduling state, time since its last
 * poll, and where it is suspended, as the chain of awaits from the task's own {@code @Async}
 * method down to the future it waits on. Taken without stopping the workers, so a busy task's
 * entry may be a moment stale.
 *
 * <p>Get one from {@link AsyncRuntime#taskDump()} ({@link AsyncRuntime#dumpTasks()} gives the
 * text), or from outside the process: a runtime built with {@code builder().jmx(true)} (or
 * run with {@code -Djawait.jmx=true}) registers an MXBean named
 * {@code dev.jawait:type=AsyncRuntime,name=<threadNamePrefix>} whose {@code dumpTasks}
 * operation returns this text, so {@code jconsole}, VisualVM or any JMX client can ask a hung
 * service where its tasks are stuck.
 *
 * <pre>{@code
 * System.out.println(rt.dumpTasks());
 * // 2 live tasks
 * // task 7 idle, last polled 3012 ms ago
 * //   Server.handle suspended at Server.java:31
 * //     Server.readRequest suspended at Server.java:58
 * //       read on /127.0.0.1:6379
 * }</pre>
 *
 * <p>The children of a {@link dev.jawait.TaskScope} are listed under the task that opened the
 * scope (their {@link Task#parentId()}), indented one more level, so the text shows the tree:
 *
 * <pre>{@code
 * task 3 idle, last polled 10 ms ago
 *   Page.render suspended at Page.java:12
 *     TaskScope.join (2 children running)
 *   task 8 idle, last polled 10 ms ago, child of task 3
 *     Profiles.load suspended at Profiles.java:40
 * }</pre>
 */
public final class TaskDump {
    /** Maximum depth walked down a task's await chain (a cycle cannot make it loop). */
    static final int MAX_DEPTH = 64;

    /**
     * One live task.
     *
     * @param id the task's id, as in long-poll reports
     * @param state {@code idle} (waiting to be woken), {@code scheduled}, {@code running}, with
     *     {@code ", aborted"} once aborted
     * @param sinceLastPoll time since its last poll ended, or {@code null} if never polled
     * @param awaits the await chain, outermost first: each state machine's
     *     {@code "Name suspended at File.java:line"}, then the leaf future it waits on
     * @param parentId the task that opened the {@link dev.jawait.TaskScope} this task is a
     *     child of, or 0 when it is not a scope's child (or the scope was opened outside a task)
     */
    public record Task(long id, String state, Duration sinceLastPoll, List<String> awaits, long parentId) {
        /**
         * A task that is no scope's child.
         *
         * @param id the task's id
         * @param state the task's state, e.g. {@code idle} or {@code running}
         * @param sinceLastPoll the time since the task's last poll
         * @param awaits the chain of locations it is suspended at, outermost first
         */
        public Task(long id, String state, Duration sinceLastPoll, List<String> awaits) {
            this(id, state, sinceLastPoll, awaits, 0);
        }
    }

    /**
     * A thread inside {@code AsyncRuntime.blockOn}: the future it drives is not a task, but a hung
     * test or {@code main} is usually waiting there.
     *
     * @param thread the blocked thread's name
     * @param awaits the await chain of the future it drives, as for a task
     */
    public record BlockOn(String thread, List<String> awaits) {}

    private final List<Task> tasks;
    private final List<BlockOn> blockOns;

    TaskDump(List<Task> tasks, List<BlockOn> blockOns) {
        this.tasks = List.copyOf(tasks);
        this.blockOns = List.copyOf(blockOns);
    }

    static TaskDump of(List<TaskCell<?>> cells, List<AsyncRuntime.BlockedOn> roots) {
        List<BlockOn> blockOns = new ArrayList<>(roots.size());
        for (AsyncRuntime.BlockedOn root : roots) {
            blockOns.add(new BlockOn(root.thread.getName(), chain(root.future)));
        }
        blockOns.sort(Comparator.comparing(BlockOn::thread));
        return build(cells, blockOns);
    }

    private static TaskDump build(List<TaskCell<?>> cells, List<BlockOn> blockOns) {
        long now = System.nanoTime();
        List<Task> out = new ArrayList<>(cells.size());
        for (TaskCell<?> cell : cells) {
            long last = cell.lastPollNanos;
            Future<?> root = cell.futureForDump();
            if (root instanceof TaskContext) {
                root = ((TaskContext<?>) root).task(); // the context a task carries is no await
            }
            out.add(new Task(cell.id, cell.stateName(),
                    last == 0 ? null : Duration.ofNanos(Math.max(0, now - last)),
                    chain(root), parentOf(cell)));
        }
        out.sort(Comparator.comparingLong(Task::id));
        return new TaskDump(out, blockOns);
    }

    private static long parentOf(TaskCell<?> cell) {
        return cell.joinerForDump() instanceof ScopedTask ? ((ScopedTask<?>) cell.joinerForDump()).scope.ownerId : 0;
    }

    /**
     * The live tasks, by id.
     *
     * @return the tasks, sorted by id
     */
    public List<Task> tasks() {
        return tasks;
    }

    /**
     * The threads inside {@code blockOn} and the futures they drive, by thread name.
     *
     * @return the {@code blockOn} calls in progress
     */
    public List<BlockOn> blockOns() {
        return blockOns;
    }

    private static List<String> chain(Future<?> root) {
        List<String> lines = new ArrayList<>();
        Future<?> f = root;
        for (int depth = 0; f != null && depth < MAX_DEPTH; depth++) {
            lines.add(describe(f));
            f = AsyncTraces.awaitedChild(f);
        }
        return lines;
    }

    private static String describe(Future<?> f) {
        try {
            String s = String.valueOf(f);
            return s.length() > 200 ? s.substring(0, 200) + "..." : s;
        } catch (RuntimeException e) {
            return f.getClass().getName() + " (toString failed: " + e + ")";
        }
    }

    /** The indented text form shown in the class comment: scope children under their parent. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(tasks.size()).append(tasks.size() == 1 ? " live task" : " live tasks").append('\n');
        Map<Long, List<Task>> children = new HashMap<>();
        Set<Long> live = new HashSet<>();
        for (Task t : tasks) {
            live.add(t.id());
        }
        List<Task> roots = new ArrayList<>();
        for (Task t : tasks) {
            if (t.parentId() != 0 && live.contains(t.parentId()) && t.parentId() != t.id()) {
                children.computeIfAbsent(t.parentId(), k -> new ArrayList<>()).add(t);
            } else {
                roots.add(t);
            }
        }
        Set<Long> printed = new HashSet<>();
        for (Task root : roots) {
            append(sb, root, "", children, printed);
        }
        for (Task t : tasks) { // a parent cycle (impossible, but dumps must never lose a task)
            if (!printed.contains(t.id())) {
                append(sb, t, "", children, printed);
            }
        }
        for (BlockOn b : blockOns) {
            sb.append("blockOn in thread ").append(b.thread()).append('\n');
            String indent = "  ";
            for (String line : b.awaits()) {
                sb.append(indent).append(line).append('\n');
                indent += "  ";
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, Task t, String margin, Map<Long, List<Task>> children,
            Set<Long> printed) {
        if (!printed.add(t.id()) || margin.length() > 2 * MAX_DEPTH) {
            return;
        }
        sb.append(margin).append("task ").append(t.id()).append(' ').append(t.state());
        sb.append(t.sinceLastPoll() == null ? ", never polled"
                : ", last polled " + t.sinceLastPoll().toMillis() + " ms ago");
        if (t.parentId() != 0) {
            sb.append(", child of task ").append(t.parentId());
        }
        sb.append('\n');
        String indent = margin + "  ";
        for (String line : t.awaits()) {
            sb.append(indent).append(line).append('\n');
            indent += "  ";
        }
        for (Task child : children.getOrDefault(t.id(), List.of())) {
            append(sb, child, margin + "  ", children, printed);
        }
    }
}
