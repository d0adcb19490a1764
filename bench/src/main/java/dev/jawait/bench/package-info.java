/**
 * jawait's benchmark suite: JMH benchmarks of the runtime ({@code bench.runtime}) and the sync
 * primitives ({@code bench.sync}) against JDK peers, main programs for parked-task memory
 * ({@code bench.memory}) and compile time ({@code bench.compile}), peer HTTP servers
 * ({@code bench.http}: Netty 4 NIO and virtual threads, byte-identical to the jawait sample), an
 * idle-connection client ({@code bench.net}) and the report tooling ({@code bench.report}) that
 * turns repeated runs into the median (min–max) tables of {@code bench/RESULTS.md}.
 *
 * <p>Everything is driven by {@code bench/run.sh}:
 * <pre>{@code
 * bench/run.sh quick            # all sections, 3 repetitions
 * bench/run.sh full jmh         # one section, 5 repetitions, JDK 17 and 25
 * java -jar bench/target/benchmarks.jar PingPongBenchmark -prof gc    # one JMH benchmark by hand
 * }</pre>
 */
package dev.jawait.bench;
