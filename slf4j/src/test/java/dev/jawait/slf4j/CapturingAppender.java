package dev.jawait.slf4j;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps every event's message and MDC as they were when it was logged (logback reads an
 * event's MDC lazily, from whichever thread asks, so it is copied here on the logging thread).
 */
final class CapturingAppender extends AppenderBase<ILoggingEvent> {
    /** One log line. */
    record Line(String message, Map<String, String> mdc, String thread) {}

    final Queue<Line> lines = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(new Line(event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap()),
                event.getThreadName()));
    }
}
