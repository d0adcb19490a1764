package dev.jawait.runtime.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event: a jawait worker slept for lack of work (the event's duration is the sleep).
 *
 * <pre>{@code
 * try (var rs = new jdk.jfr.consumer.RecordingStream()) {
 *     rs.enable("dev.jawait.WorkerPark");
 *     rs.onEvent("dev.jawait.WorkerPark", e -> System.out.println(e.getDuration()));
 * }
 * }</pre>
 */
@Name("dev.jawait.WorkerPark")
@Label("Worker Park")
@Category({"jawait", "Workers"})
@Description("A jawait worker thread slept for lack of work")
@StackTrace(false)
public final class WorkerParkEvent extends Event {
    /** The index of the worker that parked, from 0. */
    @Label("Worker Index")
    public int worker;
}
