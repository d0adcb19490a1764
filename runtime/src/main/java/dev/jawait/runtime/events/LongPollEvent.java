package dev.jawait.runtime.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event: a task poll that blocked its worker longer than the runtime's long-poll threshold
 * (blocking code on the event loop). Names the template location the task was at after the poll.
 *
 * <pre>{@code
 * jfr print --events dev.jawait.LongPoll recording.jfr
 * }</pre>
 */
@Name("dev.jawait.LongPoll")
@Label("Long Task Poll")
@Category({"jawait", "Tasks"})
@Description("A jawait task poll that blocked its worker thread beyond the threshold")
@StackTrace(false)
public final class LongPollEvent extends Event {
    /** The id of the task that polled long. */
    @Label("Task Id")
    public long taskId;

    /** How long the poll ran, in nanoseconds. */
    @Label("Poll Duration")
    @Timespan(Timespan.NANOSECONDS)
    public long pollDuration;

    /**
     * The task's future after the poll, e.g. {@code Echo.handle suspended at Echo.java:42}.
     */
    @Label("Location")
    @Description("The task's future after the poll, e.g. Echo.handle suspended at Echo.java:42")
    public String location;
}
