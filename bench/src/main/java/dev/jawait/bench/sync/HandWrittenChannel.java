package dev.jawait.bench.sync;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.sync.Channel;
import dev.jawait.sync.Receiver;
import dev.jawait.sync.Sender;
import java.util.Optional;

/**
 * Hand-written producer and consumer tasks on a bounded channel, so the channel benchmark
 * measures the channel and the scheduler, not generated code.
 *
 * <pre>{@code
 * long sum = runtime.blockOn(runtime.spawn(HandWrittenChannel.transfer(64, 10_000, 1)));
 * }</pre>
 */
public final class HandWrittenChannel {
    private HandWrittenChannel() {}

    /** Sends {@code n} copies of {@code message}, then closes the sender; returns n. */
    public static Future<Integer> produce(Sender<Integer> tx, int n, Integer message) {
        return new Future<>() {
            private int i;
            private Future<Void> sending;

            @Override
            public Poll<Integer> poll(Context cx) {
                while (i < n) {
                    if (sending == null) {
                        sending = tx.send(message);
                    }
                    if (sending.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    sending = null;
                    i++;
                }
                tx.close();
                return Poll.ready(n);
            }
        };
    }

    /** Receives until the channel ends; returns the sum of the messages. */
    public static Future<Long> consume(Receiver<Integer> rx) {
        return new Future<>() {
            private long sum;
            private Future<Optional<Integer>> receiving;

            @Override
            public Poll<Long> poll(Context cx) {
                while (true) {
                    if (receiving == null) {
                        receiving = rx.recv();
                    }
                    Poll<Optional<Integer>> p = receiving.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    receiving = null;
                    if (p.value().isEmpty()) {
                        return Poll.ready(sum);
                    }
                    sum += p.value().get();
                }
            }
        };
    }

    /** Moves {@code n} messages through a new channel of {@code capacity} between two tasks. */
    public static Future<Long> transfer(int capacity, int n, Integer message) {
        return new Future<>() {
            private JoinHandle<Long> consumer;
            private JoinHandle<Integer> producer;
            private int sent = -1;

            @Override
            public Poll<Long> poll(Context cx) {
                if (consumer == null) {
                    Channel<Integer> channel = Channel.bounded(capacity);
                    consumer = Task.spawn(consume(channel.receiver()));
                    producer = Task.spawn(produce(channel.sender(), n, message));
                }
                if (sent < 0) {
                    Poll<Integer> p = producer.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    sent = p.value();
                }
                Poll<Long> p = consumer.poll(cx);
                return p.isPending() ? Poll.pending() : Poll.ready(p.value() + sent);
            }
        };
    }
}
