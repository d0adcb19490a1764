package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/**
 * Local classes declared in a block that awaits (moved to member classes of the machine),
 * capturing locals as Java does: each instance keeps the values of its creation.
 */
public class LocalClasses {
    int field = 100;

    @Async
    static int shapeLocalClassWithoutAwait() {
        class Acc {
            int sum;

            void add(int v) {
                sum += Log.i("add", v);
            }
        }
        Acc acc = new Acc();
        acc.add(await(Src.i(1)));
        acc.add(await(Src.i(2)));
        return acc.sum;
    }

    @Async
    static int shapeLocalClassCapturingALocal() {
        int p = Log.i("p", 4);
        int c = p + 1;
        class K {
            int g() {
                return c * 2;
            }
        }
        K k = new K();
        int a = await(Src.i(1));
        return k.g() + a + c;
    }

    @Async
    static String shapeCapturedValuesPerIteration() {
        java.util.List<Object> made = new java.util.ArrayList<>();
        String out = "";
        for (int i = 0; i < 3; i++) {
            int c = i * 10;
            String tag = "t" + i;
            class K {
                final int v = c + 1;
                String show() {
                    return tag + ":" + v + ":" + c;
                }
            }
            K k = new K();
            await(Src.tick());
            made.add(k);
            out += k.show() + " ";
        }
        return out + made.size();
    }

    @Async
    static String shapeGenericLocalClassWithConstructors() {
        return await(LocalClassesAsync.genericLocalClass(Log.v("value", 'v')));
    }

    @Async
    static <T> String genericLocalClass(T value) {
        String prefix = Log.v("prefix", "p-");
        class Box<U> {
            final U u;
            int n;
            {
                Log.add("init " + prefix);
            }

            Box(U u) {
                this(u, 1);
            }

            Box(U u, int n) {
                this.u = u;
                this.n = n;
            }

            String show() {
                return prefix + u + "x" + n;
            }

            Box<U> again() {
                return new Box<>(u, n + 1);
            }
        }
        Box<T> b = new Box<>(value);
        String first = b.show() + await(Src.s("|"));
        return first + b.again().show() + new Box<String>("s", 7).show();
    }

    @Async
    int shapeLocalClassCapturingThisAndALocal() {
        int base = await(Src.i(3));
        class K {
            int sum() {
                return field + base;
            }
        }
        K k = new K();
        field = await(Src.i(7));
        K anon = new K() {
            @Override
            int sum() {
                return super.sum() * 2;
            }
        };
        return k.sum() * 1000 + anon.sum() + base;
    }

    @Async
    static int shapeCaptureUsedInAnInitializerAndALambda() {
        int base = Log.i("p", 5) * 3;
        class K {
            int v = base + 1;
            java.util.function.IntSupplier s = () -> base + v;
        }
        K k = new K();
        await(Src.tick());
        return k.s.getAsInt() + base;
    }
}
