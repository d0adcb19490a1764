package dev.jawait.runtime.events;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Whether any JFR recording is running, kept in a volatile flag by a recorder listener, so the
 * runtime creates event objects only while recording (one volatile read per poll otherwise).
 * Adding the listener does not start or initialise the flight recorder.
 *
 * <pre>{@code
 * if (JfrRecording.active()) { TaskPollEvent e = new TaskPollEvent(); ...; e.commit(); }
 * }</pre>
 */
public final class JfrRecording {
    private static volatile boolean active;

    static {
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recordingStateChanged(Recording recording) {
                    refresh(recording.getState());
                }
            });
            if (FlightRecorder.isInitialized()) {
                refresh(null); // a recording started before us (-XX:StartFlightRecording)
            }
        } catch (Throwable noJfr) {
            active = false; // no jdk.jfr module or JFR disabled: events stay off
        }
    }

    private JfrRecording() {}

    private static void refresh(RecordingState changed) {
        if (changed == RecordingState.RUNNING) {
            active = true;
            return;
        }
        boolean any = false;
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
            any |= r.getState() == RecordingState.RUNNING;
        }
        active = any;
    }

    /**
     * Whether a recording is running (events committed now may be recorded).
     *
     * @return {@code true} while a JFR recording runs
     */
    public static boolean active() {
        return active;
    }
}
