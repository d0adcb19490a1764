package dev.jawait.slf4j;

import dev.jawait.runtime.ContextPropagator;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Carries SLF4J's {@link MDC} with each jawait task: a spawned task starts with its spawner's
 * MDC, whatever a task puts in the MDC stays with it across awaits (whichever worker resumes
 * it), and a worker's MDC is empty again after every poll, so a log line carries the values of
 * the task that wrote it and no other's.
 *
 * <pre>{@code
 * AsyncRuntime rt = AsyncRuntime.builder()
 *         .contextPropagator(new MdcPropagator())
 *         .build();
 *
 * @Async
 * static void handle(Request r) {
 *     MDC.put("requestId", r.id());
 *     log.info("start");                  // requestId=...
 *     await(Time.sleep(Duration.ofMillis(5)));
 *     log.info("done");                   // same requestId, maybe on another worker
 * }
 * }</pre>
 *
 * <p>Costs two copies of a task's MDC map per poll (MDC's API offers nothing cheaper), none
 * for a task whose MDC is empty beyond the backend's lookups.
 */
public final class MdcPropagator implements ContextPropagator<Map<String, String>> {

    /** A propagator for the MDC of whichever SLF4J backend is bound. */
    public MdcPropagator() {}

    @Override
    public Map<String, String> capture() {
        return nonEmptyOrNull(MDC.getCopyOfContextMap());
    }

    @Override
    public Map<String, String> swap(Map<String, String> context) {
        Map<String, String> previous = nonEmptyOrNull(MDC.getCopyOfContextMap());
        if (context != null) {
            MDC.setContextMap(context);
        } else if (previous != null) {
            MDC.clear();
        }
        return previous;
    }

    private static Map<String, String> nonEmptyOrNull(Map<String, String> map) {
        return map == null || map.isEmpty() ? null : map;
    }
}
