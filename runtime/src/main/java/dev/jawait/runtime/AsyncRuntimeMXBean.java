package dev.jawait.runtime;

/**
 * The JMX view of an {@link AsyncRuntime}, registered as
 * {@code dev.jawait:type=AsyncRuntime,name=<threadNamePrefix>} while the runtime is open: lets
 * {@code jconsole}, VisualVM or any JMX client dump the tasks of a hung service.
 *
 * <pre>{@code
 * ObjectName name = new ObjectName("dev.jawait:type=AsyncRuntime,name=jawait");
 * String dump = (String) ManagementFactory.getPlatformMBeanServer()
 *         .invoke(name, "dumpTasks", null, null);
 * }</pre>
 */
public interface AsyncRuntimeMXBean {
    /** {@link AsyncRuntime#dumpTasks()}. */
    String dumpTasks();

    /** {@link AsyncRuntime#liveTaskCount()}. */
    int getLiveTasks();

    /** {@link RuntimeMetrics#tasksSpawned()}. */
    long getTasksSpawned();

    /** {@link RuntimeMetrics#polls()}. */
    long getPolls();

    /** {@link RuntimeMetrics#longPolls()}. */
    long getLongPolls();
}
