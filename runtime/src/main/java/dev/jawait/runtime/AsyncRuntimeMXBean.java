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
    /**
     * {@link AsyncRuntime#dumpTasks()}.
     *
     * @return the task dump as text
     */
    String dumpTasks();

    /**
     * {@link AsyncRuntime#liveTaskCount()}.
     *
     * @return the number of live tasks
     */
    int getLiveTasks();

    /**
     * {@link RuntimeMetrics#tasksSpawned()}.
     *
     * @return tasks spawned since the start
     */
    long getTasksSpawned();

    /**
     * {@link RuntimeMetrics#polls()}.
     *
     * @return task polls since the start
     */
    long getPolls();

    /**
     * {@link RuntimeMetrics#longPolls()}.
     *
     * @return long polls reported since the start
     */
    long getLongPolls();
}
