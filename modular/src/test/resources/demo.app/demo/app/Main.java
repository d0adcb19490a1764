package demo.app;

import static dev.jawait.Await.await;

import demo.app.shapes.Shape;
import demo.app.shapes.ShapeAsync;
import demo.app.shapes.Shapes;
import dev.jawait.Async;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.sync.Channel;
import dev.jawait.sync.ChannelClosedException;
import dev.jawait.sync.Receiver;
import dev.jawait.sync.Sender;
import dev.jawait.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A modular application: tasks, a channel, a timer, private state and virtual dispatch. */
public class Main {
    private int total;   // reached by the state machine through a private lookup

    @Async
    int sumOver(Receiver<Integer> numbers) {
        Optional<Integer> n;
        while ((n = await(numbers.recv())).isPresent()) {
            total += n.get();
        }
        return total;
    }

    @Async
    static int produce(Sender<Integer> out, int count) throws ChannelClosedException {
        for (int i = 1; i <= count; i++) {
            await(Time.sleep(Duration.ofMillis(1)));
            await(out.send(i));
        }
        out.close();
        return count;
    }

    @Async
    static double totalArea(List<Shape> shapes) {
        double sum = 0;
        for (Shape s : shapes) {
            sum += await(ShapeAsync.area(s));   // dispatched: an @Async override and a plain one
        }
        return sum;
    }

    @Async
    static int pipeline(int count) throws ChannelClosedException {
        Channel<Integer> channel = Channel.bounded(4);
        JoinHandle<Integer> producer = Task.spawn(MainAsync.produce(channel.sender(), count));
        int sum = await(MainAsync.sumOver(new Main(), channel.receiver()));
        await(producer);
        return sum;
    }

    public static void main(String[] args) throws Exception {
        try (AsyncRuntime runtime = AsyncRuntime.newMultiThread()) {
            int sum = runtime.blockOn(MainAsync.pipeline(10));
            double area = runtime.blockOn(MainAsync.totalArea(Shapes.some()));
            System.out.println("sum=" + sum + " area=" + area);
        }
    }
}
