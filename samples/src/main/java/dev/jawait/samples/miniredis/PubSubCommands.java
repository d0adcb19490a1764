package dev.jawait.samples.miniredis;

/**
 * Pub/sub commands: PUBLISH, SUBSCRIBE, UNSUBSCRIBE. A subscribed connection may only run
 * SUBSCRIBE, UNSUBSCRIBE, PING and QUIT, and receives {@code ["message", channel, payload]} pushes.
 *
 * <pre>{@code
 * SUBSCRIBE news        -> *3 $9 subscribe $4 news :1
 * PUBLISH news hello    -> :1   (and the subscriber gets *3 $7 message $4 news $5 hello)
 * }</pre>
 */
final class PubSubCommands {
    private static final byte[] UNSUBSCRIBE = Numbers.latin1("unsubscribe");

    private PubSubCommands() {}

    static void register(CommandTable t) {
        t.add("PUBLISH", 3, false, (s, a, out) -> out.integer(s.server().hub().publish(a.get(1), a.get(2))));
        t.add("SUBSCRIBE", -2, true, (s, a, out) -> {
            for (int i = 1; i < a.size(); i++) {
                s.subscribe(a.get(i), out);
            }
        });
        t.add("UNSUBSCRIBE", -1, true, (s, a, out) -> {
            if (a.size() == 1) {
                if (s.subscriptionCount() == 0) {
                    out.arrayHeader(3).bulk(UNSUBSCRIBE).nullBulk().integer(0);
                    return;
                }
                for (String channel : s.channels().toArray(new String[0])) {
                    s.unsubscribe(channel);
                    out.arrayHeader(3).bulk(UNSUBSCRIBE).bulk(channel).integer(s.subscriptionCount());
                }
                return;
            }
            for (int i = 1; i < a.size(); i++) {
                s.unsubscribe(Numbers.key(a.get(i)));
                out.arrayHeader(3).bulk(UNSUBSCRIBE).bulk(a.get(i)).integer(s.subscriptionCount());
            }
        });
    }
}
