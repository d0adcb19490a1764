package dev.jawait.runtime.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event: one poll of a jawait task (its duration is the event's duration). Emitted only
 * while a recording runs; enable it with a threshold to keep recordings small.
 *
 * <pre>{@code
 * jcmd <pid> JFR.start settings=profile +dev.jawait.TaskPoll#enabled=true
 * }</pre>
 */
@Name("dev.jawait.TaskPoll")
@Label("Task Poll")
@Category({"jawait", "Tasks"})
@Description("One poll of a jawait task")
@StackTrace(false)
public final class TaskPollEvent extends Event {
    /** The id of the polled task. */
    @Label("Task Id")
    public long taskId;

    /** Whether the poll completed the task. */
    @Label("Completed")
    public boolean completed;
}
