package dev.jawait.samples.miniredis;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses client commands from a byte buffer: RESP2 multi-bulk frames ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n})
 * and inline commands ({@code PING\r\n}, what telnet and redis-benchmark's PING_INLINE send).
 * Stateless: {@link #next} either consumes one whole frame or leaves the buffer untouched, so a
 * connection parses as many complete frames as its buffer holds and keeps the tail for the next
 * read — which is what makes pipelining cheap.
 *
 * <pre>{@code
 * ByteBuffer in = ByteBuffer.wrap("*1\r\n$4\r\nPING\r\nPING\r\n".getBytes(US_ASCII));
 * List<byte[]> first = RespParser.next(in);    // [PING] (copies)
 * Command command = new Command();             // or, allocation-free, reusing one Command:
 * boolean parsed = RespParser.next(in, command);   // true: command = [PING] (inline)
 * parsed = RespParser.next(in, command);            // false: nothing complete left
 * }</pre>
 *
 * <p>Limits and error texts follow Redis 7 (networking.c): at most {@code Integer.MAX_VALUE}
 * arguments, 512 MB per bulk string, 64 KB per inline command or header line; lengths are
 * strict decimals as Redis' {@code string2ll} reads them (no sign, blank or leading zero).
 */
public final class RespParser {
    /** Redis 7's limit on the number of arguments of one command (Redis 6 and older: 1M). */
    public static final int MAX_MULTIBULK_LENGTH = Integer.MAX_VALUE;
    /** Redis' default proto-max-bulk-len. */
    public static final int MAX_BULK_LENGTH = 512 * 1024 * 1024;
    /** Redis' PROTO_INLINE_MAX_SIZE: longest inline command or frame header line. */
    public static final int MAX_INLINE_LENGTH = 64 * 1024;

    private RespParser() {}

    /**
     * Parses the next command at the buffer's position. Returns its arguments (copies) and
     * advances the position past it; returns {@code null}, position unchanged, when the buffer
     * does not yet hold a whole command. An empty list is a frame with no command (an empty line,
     * {@code *0}), which Redis ignores.
     *
     * @throws RespProtocolException when the bytes cannot be a valid command
     */
    public static List<byte[]> next(ByteBuffer in) throws RespProtocolException {
        Command command = new Command();
        return next(in, command) ? new ArrayList<>(command) : null;
    }

    /**
     * Parses the next command at the buffer's position into {@code command} (which then refers to
     * the buffer's bytes, no copy) and advances the position past it; returns false, position
     * unchanged, when the buffer does not yet hold a whole command. A command of size 0 is a frame
     * with no command (an empty line, {@code *0}), which Redis ignores.
     *
     * <p>After false for an incomplete multi-bulk frame, {@code command} remembers how far it
     * got, and the next call must present that same frame again at the buffer's position (more
     * bytes may follow, the buffer may be another one), as a connection does with its unparsed
     * input; to parse something else with it, {@link Command#abandon()} that frame first.
     *
     * @throws RespProtocolException when the bytes cannot be a valid command
     */
    public static boolean next(ByteBuffer in, Command command) throws RespProtocolException {
        if (!in.hasRemaining()) {
            return false;
        }
        byte[] array;
        int base;
        if (in.hasArray()) {
            array = in.array();
            base = in.arrayOffset();
        } else { // direct or read-only buffer: parse a copy (the server itself reads into heap buffers)
            array = new byte[in.remaining()];
            in.get(in.position(), array);
            base = -in.position();
        }
        int start = base + in.position();
        int limit = base + in.limit();
        int end;
        try {
            end = array[start] == '*'
                    ? multiBulk(array, start, limit, command)
                    : inline(array, start, limit, command);
        } catch (RespProtocolException e) {
            command.abandon(); // nothing of a malformed frame is resumed
            throw e;
        }
        if (end < 0) {
            return false;
        }
        in.position(end - base);
        return true;
    }

    /**
     * Parses a multi-bulk frame; the index after it, or -1 when incomplete. An incomplete frame
     * is read only once: the arguments parsed so far stay in {@code command} with where the next
     * one starts ({@link Command#suspend}), and the next call — given the same frame again, as a
     * connection does with its unparsed input — resumes there, after checking nothing twice.
     */
    private static int multiBulk(byte[] in, int start, int limit, Command command)
            throws RespProtocolException {
        long count;
        int pos;
        if (command.isSuspended()) { // the frame of last time, perhaps moved, with more bytes
            count = command.suspendedArgs();
            pos = start + command.resumeAt();
            command.rebase(in, start);
        } else {
            int cr = findCr(in, start + 1, limit);
            if (cr < 0) {
                if (limit - start > MAX_INLINE_LENGTH) {
                    throw new RespProtocolException("too big mbulk count string");
                }
                return -1;
            }
            count = parseLong(in, start + 1, cr);
            if (count == Long.MIN_VALUE || count > MAX_MULTIBULK_LENGTH) {
                throw new RespProtocolException("invalid multibulk length");
            }
            pos = cr + 2;
            command.reset(in, start);
        }
        for (long i = command.size(); i < count; i++) {
            int argument = pos; // if this argument is incomplete, the next call starts here
            if (pos >= limit) {
                command.suspend(count, argument - start);
                return -1;
            }
            byte type = in[pos];
            if (type != '$') {
                throw new RespProtocolException("expected '$', got '" + (char) (type & 0xff) + "'");
            }
            int cr = findCr(in, pos + 1, limit);
            if (cr < 0) {
                if (limit - pos > MAX_INLINE_LENGTH) {
                    throw new RespProtocolException("too big bulk count string");
                }
                command.suspend(count, argument - start);
                return -1;
            }
            long length = parseLong(in, pos + 1, cr);
            if (length < 0 || length > MAX_BULK_LENGTH) {
                throw new RespProtocolException("invalid bulk length");
            }
            pos = cr + 2;
            if ((long) limit - pos < length + 2) {
                command.suspend(count, argument - start);
                return -1;
            }
            command.add(pos - start, (int) length);
            pos += (int) length + 2; // Redis skips the trailing CRLF without checking it
        }
        command.finish();
        return pos;
    }

    /** Parses an inline command line; the index after it, or -1 when incomplete. */
    private static int inline(byte[] in, int start, int limit, Command command)
            throws RespProtocolException {
        int newline = -1;
        for (int i = start; i < limit; i++) {
            if (in[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            if (limit - start > MAX_INLINE_LENGTH) {
                throw new RespProtocolException("too big inline request");
            }
            return -1;
        }
        int end = newline;
        if (end > start && in[end - 1] == '\r') {
            end--;
        }
        List<byte[]> args = splitArgs(ByteBuffer.wrap(in), start, end);
        byte[] joined = new byte[args.stream().mapToInt(a -> a.length).sum()];
        command.reset(joined, 0);
        int at = 0;
        for (byte[] arg : args) {
            System.arraycopy(arg, 0, joined, at, arg.length);
            command.add(at, arg.length);
            at += arg.length;
        }
        return newline + 1;
    }

    /** The index of the '\r' of the next CRLF, or -1 when the line is not complete yet. */
    private static int findCr(byte[] in, int from, int limit) {
        for (int i = from; i + 1 < limit; i++) {
            if (in[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /**
     * A strict decimal as Redis' {@code string2ll} reads it: an optional '-', then "0" alone or
     * digits not starting with 0 ("01", "-0", "+1" are malformed); {@code Long.MIN_VALUE} when
     * malformed.
     */
    private static long parseLong(byte[] in, int from, int to) {
        if (from >= to || to - from > 20) {
            return Long.MIN_VALUE;
        }
        if (to - from == 1 && in[from] == '0') {
            return 0;
        }
        boolean negative = in[from] == '-';
        int i = negative ? from + 1 : from;
        if (i >= to || in[i] < '1' || in[i] > '9') {
            return Long.MIN_VALUE;
        }
        boolean mayOverflow = to - i > 18; // 18 digits always fit: skip the division per digit
        long value = 0;
        for (; i < to; i++) {
            int digit = in[i] - '0';
            if (digit < 0 || digit > 9 || (mayOverflow && value > (Long.MAX_VALUE - digit) / 10)) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /** Splits an inline command like Redis' sdssplitargs: blanks separate, quotes group. */
    static List<byte[]> splitArgs(ByteBuffer in, int from, int to) throws RespProtocolException {
        List<byte[]> args = new ArrayList<>();
        int i = from;
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        while (true) {
            while (i < to && isBlank(in.get(i))) {
                i++;
            }
            if (i >= to) {
                return args;
            }
            current.reset();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (i >= to) {
                    if (inDouble || inSingle) {
                        throw new RespProtocolException("unbalanced quotes in request");
                    }
                    break;
                }
                byte c = in.get(i);
                if (inDouble) {
                    if (c == '\\' && i + 3 < to && in.get(i + 1) == 'x'
                            && isHex(in.get(i + 2)) && isHex(in.get(i + 3))) {
                        current.write(hex(in.get(i + 2)) * 16 + hex(in.get(i + 3)));
                        i += 3;
                    } else if (c == '\\' && i + 1 < to) {
                        i++;
                        byte e = in.get(i);
                        current.write(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> e;
                        });
                    } else if (c == '"') {
                        if (i + 1 < to && !isBlank(in.get(i + 1))) {
                            throw new RespProtocolException("unbalanced quotes in request");
                        }
                        done = true;
                    } else {
                        current.write(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && i + 1 < to && in.get(i + 1) == '\'') {
                        i++;
                        current.write('\'');
                    } else if (c == '\'') {
                        if (i + 1 < to && !isBlank(in.get(i + 1))) {
                            throw new RespProtocolException("unbalanced quotes in request");
                        }
                        done = true;
                    } else {
                        current.write(c);
                    }
                } else if (isBlank(c)) {
                    done = true;
                } else if (c == '"') {
                    inDouble = true;
                } else if (c == '\'') {
                    inSingle = true;
                } else {
                    current.write(c);
                }
                i++;
            }
            args.add(current.toByteArray());
        }
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0;
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hex(byte c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
