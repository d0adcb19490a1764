package demo.app.shapes;

import dev.jawait.Async;

/** Exported nowhere: the runtime dispatches to its implementations from outside the package. */
public interface Shape {
    @Async
    double area();
}
