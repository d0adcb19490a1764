package dev.jawait.runtime;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers an {@link AsyncRuntimeMXBean} for a runtime and removes it on close. Opt-in
 * ({@code builder().jmx(true)} or {@code -Djawait.jmx=true}) because the platform MBean server
 * costs noticeable start-up time. A second runtime with the same prefix gets {@code name=p-2}.
 *
 * <pre>{@code
 * RuntimeJmx jmx = RuntimeJmx.register(runtime, "jawait");   // in the constructor
 * jmx.unregister();                                          // in close()
 * }</pre>
 */
final class RuntimeJmx implements AsyncRuntimeMXBean {
    private static final System.Logger LOG = System.getLogger(RuntimeJmx.class.getName());
    private final AsyncRuntime runtime;
    private ObjectName name;

    private RuntimeJmx(AsyncRuntime runtime) {
        this.runtime = runtime;
    }

    static RuntimeJmx register(AsyncRuntime runtime, String prefix) {
        RuntimeJmx bean = new RuntimeJmx(runtime);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (int n = 1; n < 1000; n++) {
            try {
                ObjectName candidate = new ObjectName("dev.jawait:type=AsyncRuntime,name="
                        + ObjectName.quote(n == 1 ? prefix : prefix + "-" + n));
                server.registerMBean(bean, candidate);
                bean.name = candidate;
                return bean;
            } catch (InstanceAlreadyExistsException taken) {
                // try the next suffix
            } catch (JMException e) {
                LOG.log(System.Logger.Level.WARNING, "could not register the jawait MXBean", e);
                return bean;
            }
        }
        return bean;
    }

    /** The registered name, or null. */
    ObjectName name() {
        return name;
    }

    void unregister() {
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                LOG.log(System.Logger.Level.DEBUG, "jawait MXBean already gone", e);
            }
            name = null;
        }
    }

    @Override
    public String dumpTasks() {
        return runtime.dumpTasks();
    }

    @Override
    public int getLiveTasks() {
        return runtime.liveTaskCount();
    }

    @Override
    public long getTasksSpawned() {
        return runtime.metrics().tasksSpawned();
    }

    @Override
    public long getPolls() {
        return runtime.metrics().polls();
    }

    @Override
    public long getLongPolls() {
        return runtime.metrics().longPolls();
    }
}
