package dev.jawait.processor.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated method body as a tree the shrinker can cut: a {@link Block} is a list of
 * statements, a {@link Stmt} is text with nested blocks in between ({@code if (c) } block
 * {@code  else } block). Removing a statement keeps the rest of the text intact.
 *
 * <pre>{@code
 * Code.Block body = new Code.Block();
 * body.add(Code.Stmt.line("int v0 = 1;"));
 * body.add(Code.Stmt.of("if (v0 > 0) ", Code.Block.of(Code.Stmt.line("v0++;"))));
 * String text = body.render("    ");
 * }</pre>
 */
final class Code {
    private Code() {}

    /** A brace-delimited list of statements. */
    static final class Block {
        final List<Stmt> statements = new ArrayList<>();

        static Block of(Stmt... statements) {
            Block b = new Block();
            for (Stmt s : statements) b.add(s);
            return b;
        }

        void add(Stmt s) {
            statements.add(s);
        }

        Block copy() {
            Block b = new Block();
            for (Stmt s : statements) b.add(s.copy());
            return b;
        }

        /** The statements, one per line, each line starting with {@code indent}; no braces. */
        String render(String indent) {
            StringBuilder out = new StringBuilder();
            for (Stmt s : statements) s.render(out, indent);
            return out.toString();
        }

        /** Every block in this subtree, this one first. */
        void collect(List<Block> into) {
            into.add(this);
            for (Stmt s : statements) {
                for (Object part : s.parts) if (part instanceof Block b) b.collect(into);
            }
        }
    }

    /** Text and nested blocks, rendered as {@code text {\n block \n} text ...}. */
    static final class Stmt {
        final List<Object> parts;

        private Stmt(List<Object> parts) {
            this.parts = parts;
        }

        static Stmt line(String text) {
            return new Stmt(new ArrayList<>(List.of(text)));
        }

        /** Strings and {@link Block}s in order; a block renders as {@code {...}}. */
        static Stmt of(Object... parts) {
            return new Stmt(new ArrayList<>(List.of(parts)));
        }

        Stmt copy() {
            List<Object> copied = new ArrayList<>();
            for (Object p : parts) copied.add(p instanceof Block b ? b.copy() : p);
            return new Stmt(copied);
        }

        void render(StringBuilder out, String indent) {
            out.append(indent);
            for (Object part : parts) {
                if (part instanceof Block b) {
                    out.append("{\n").append(b.render(indent + "    ")).append(indent).append('}');
                } else {
                    out.append(part);
                }
            }
            out.append('\n');
        }
    }
}
