package dev.jawait.samples.chat;

import dev.jawait.net.TcpStream;
import dev.jawait.sync.ChannelClosedException;
import dev.jawait.sync.Sender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients of the chat server. A line from one client is queued, without waiting, on every
 * other client's bounded outbox; each client's writer task drains its own outbox to its socket.
 * <b>Slow clients:</b> a client whose outbox is full (it stopped reading and its socket buffers
 * filled) is <em>disconnected</em>, so it never stalls the others or makes the server buffer
 * without bound.
 *
 * <pre>{@code
 * ChatRoom room = new ChatRoom(256);
 * ChatRoom.Member me = room.join(socket, outbox.sender());
 * room.broadcast(me, "hello".getBytes());   // others get "guest-1: hello\n"
 * }</pre>
 */
public final class ChatRoom {

    /** One connected client: its name, socket and outbox. */
    public static final class Member {
        final String name;
        final TcpStream socket;
        final Sender<byte[]> outbox;

        Member(String name, TcpStream socket, Sender<byte[]> outbox) {
            this.name = name;
            this.socket = socket;
            this.outbox = outbox;
        }

        /** The name shown before the member's lines. */
        public String name() {
            return name;
        }
    }

    private final Set<Member> members = ConcurrentHashMap.newKeySet();
    private final Object joins = new Object();
    private final AtomicInteger nextGuest = new AtomicInteger(1);
    private final AtomicLong dropped = new AtomicLong();
    private final int queueCapacity;

    /** A room whose members may each have {@code queueCapacity} lines waiting to be written. */
    public ChatRoom(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    /** Lines a member may have queued before it counts as too slow. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** Adds a client, greets it and tells the others. */
    public Member join(TcpStream socket, Sender<byte[]> outbox) {
        Member m = new Member("guest-" + nextGuest.getAndIncrement(), socket, outbox);
        // Greeted before it becomes a member, so the welcome is the first line it gets; joins are
        // serialised so that the count it is told and the "joined" notices it gets later add up.
        synchronized (joins) {
            offer(m, bytes("* welcome " + m.name + ", " + members.size() + " other(s) here\n"));
            members.add(m);
            announce(m, "* " + m.name + " joined\n");
        }
        return m;
    }

    /** Removes a client (idempotent) and tells the others. */
    public void leave(Member m) {
        if (members.remove(m)) {
            m.outbox.close();
            announce(m, "* " + m.name + " left\n");
        }
    }

    /** Sends {@code "name: line\n"} to every member but the sender. */
    public void broadcast(Member from, byte[] line) {
        byte[] prefix = bytes(from.name + ": ");
        byte[] frame = new byte[prefix.length + line.length + 1];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(line, 0, frame, prefix.length, line.length);
        frame[frame.length - 1] = '\n';
        for (Member m : members) {
            if (m != from) {
                offer(m, frame);
            }
        }
    }

    /** Members currently connected. */
    public int size() {
        return members.size();
    }

    /** How many slow members were disconnected so far. */
    public long droppedCount() {
        return dropped.get();
    }

    private void announce(Member about, String text) {
        byte[] frame = bytes(text);
        for (Member m : members) {
            if (m != about) {
                offer(m, frame);
            }
        }
    }

    /** Queues without waiting; a full queue means a slow client, which is disconnected. */
    private void offer(Member m, byte[] frame) {
        boolean queued;
        try {
            queued = m.outbox.trySend(frame);
        } catch (ChannelClosedException e) {
            return; // leaving already
        }
        if (!queued && members.remove(m)) {
            dropped.incrementAndGet();
            m.outbox.close();
            m.socket.close(); // its reader task sees the closed socket and ends
            announce(m, "* " + m.name + " was too slow and was disconnected\n");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
