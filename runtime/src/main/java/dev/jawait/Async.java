package dev.jawait;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method written like blocking code whose {@code await(...)} calls become suspension
 * points. At build time the jawait processor generates a companion class {@code XAsync} (for a
 * nested class {@code Outer_InnerAsync}) with a static method of the same name that returns the
 * method as a {@link Future} state machine.
 *
 * <pre>{@code
 * class Greeter {
 *     @Async
 *     static String greet(Future<String> name) {
 *         return "hello " + await(name);        // suspends, never blocks a thread
 *     }
 * }
 * // elsewhere:
 * String s = runtime.blockOn(GreeterAsync.greet(Future.ready("jawait")));
 * }</pre>
 *
 * <p>The declared return type {@code R} is the result type (as in Rust's {@code async fn f() -> R});
 * {@code void} means {@link Void}. A method that declares exactly one checked exception {@code E}
 * gets a {@link TryFuture TryFuture&lt;R, E&gt;}. The method itself stays a correct blocking
 * method: called directly, each {@code await} drives its future on the calling thread.
 *
 * <p>On an abstract or interface method (and on a default method), the companion dispatches:
 * {@code XAsync.m(self, ...)} runs what {@code self.m(...)} would run, an {@code @Async} override as
 * its state machine, a plain one called on the future's first poll; {@code XAsync.m_super(self, ...)}
 * runs {@code X}'s own body without dispatch (the async {@code super.m(...)}). The retention stays
 * {@code CLASS}: at run time an override is recognised by its companion's {@code m_super}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {}
