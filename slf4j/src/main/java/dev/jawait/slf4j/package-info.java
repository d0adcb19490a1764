/**
 * SLF4J support for jawait: {@link dev.jawait.slf4j.MdcPropagator} carries the logging MDC with
 * each task (register it with {@code AsyncRuntime.builder().contextPropagator(...)}).
 *
 * <pre>{@code
 * AsyncRuntime rt = AsyncRuntime.builder().contextPropagator(new MdcPropagator()).build();
 * }</pre>
 */
package dev.jawait.slf4j;
