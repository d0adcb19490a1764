package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** JDK 22+ unnamed patterns and variables ({@code _}) in pattern switches and instanceof, with awaits. */
public class Unnamed {
    record P(int x, Object y) {}

    @Async
    static String shapeUnnamedInLoweredSwitch() {
        StringBuilder out = new StringBuilder();
        for (Object o : new Object[] {new P(1, "a"), "s", 3, new P(2, null), 4.5}) {
            switch (o) {
                case P(var x, _) when x > await(Src.i(1)) -> out.append("p2");
                case P(int x, String _) -> out.append("ps").append(await(Src.i(x)));
                case String _, Integer _ -> out.append(await(Src.s("si")));
                default -> out.append(Log.add("d"));
            }
            if (o instanceof P(_, var y)) {
                await(Src.tick());
                out.append(y);
            }
        }
        return out.toString();
    }

    @Async
    static String shapeUnnamedInPrintedSwitch() {
        Object o = await(Src.v((Object) new P(4, "q")));
        return switch (o) {
            case P(var x, _) when x > 3 -> "big";
            case String _ -> "s";
            default -> "d";
        } + (o instanceof P(_, String s) ? s : "-");
    }
}
