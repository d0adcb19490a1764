/**
 * jawait's runtime and the API async code is written against.
 *
 * <p>Exported: the API ({@code dev.jawait}, {@code .runtime}, {@code .net}, {@code .time},
 * {@code .sync}, {@code .fs}, {@code .process}, {@code .signal}), the driver SPI for hand-written
 * leaf futures ({@code dev.jawait.runtime.driver}), and {@code dev.jawait.internal}: the code
 * the processor generates lives in the user's module and extends or calls its classes
 * ({@code StateMachine}, {@code VirtualDispatch}, {@code CompletionStageFuture}), so it must be
 * readable there; it is not API and may change in any release. The JFR event classes
 * ({@code dev.jawait.runtime.events}) stay inside.
 *
 * <pre>{@code
 * module my.app {
 *     requires dev.jawait;
 * }
 * // javac --processor-module-path jawait-processor.jar:javapoet.jar --module-path jawait-runtime.jar ...
 * }</pre>
 */
module dev.jawait {
    requires java.management;   // AsyncRuntime.builder().jmx(true)
    requires jdk.jfr;           // TaskPoll, WorkerPark and LongPoll events
    requires jdk.unsupported;   // sun.misc.Signal behind dev.jawait.signal

    exports dev.jawait;
    exports dev.jawait.fs;
    exports dev.jawait.internal;
    exports dev.jawait.net;
    exports dev.jawait.process;
    exports dev.jawait.runtime;
    exports dev.jawait.runtime.driver;
    exports dev.jawait.signal;
    exports dev.jawait.sync;
    exports dev.jawait.time;
}
