package demo.app.shapes;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;
import java.util.List;

/** One implementation with an {@code @Async} override, one plain, both package-private. */
public final class Shapes {
    private Shapes() {}

    public static List<Shape> some() {
        return List.of(new Square(3), new Circle(1));
    }

    static final class Square implements Shape {
        private final double side;

        Square(double side) {
            this.side = side;
        }

        @Async
        @Override
        public double area() {
            return await(Future.ready(side)) * side;
        }
    }

    static final class Circle implements Shape {
        private final double radius;

        Circle(double radius) {
            this.radius = radius;
        }

        @Override
        public double area() {
            return 3 * radius * radius;   // a plain override: called on the future's first poll
        }
    }
}
