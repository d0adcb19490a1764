package dev.jawait.processor;

import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.jawait.processor.analysis.Awaits;
import dev.jawait.processor.analysis.Variables;
import dev.jawait.processor.emission.StateMachineWriter;
import dev.jawait.processor.front.AsyncLints;
import dev.jawait.processor.front.AsyncMethod;
import dev.jawait.processor.front.AwaitSites;
import dev.jawait.processor.front.JavacRejects;
import dev.jawait.processor.front.Problems;
import dev.jawait.processor.front.SuperDispatchCheck;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.front.TemplateError;
import dev.jawait.processor.front.TemplateValidator;
import dev.jawait.processor.lowering.Lowering;
import dev.jawait.processor.lowering.TypeNames;
import java.util.HashSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.tools.Diagnostic;

/**
 * Compiles one attributed template into its state machine class, one phase after the other:
 * the front end validates it (every misuse, each at its position) and runs the async lints
 * (warnings), analysis finds its awaits
 * and which variables live across them, the lowering describes the states and the emission
 * writes them. Nothing is lowered while there is an error; then the machine is a stub that
 * keeps the companion compiling, and the errors say why (javac's own, for code it rejects:
 * {@link JavacRejects}).
 *
 * <pre>{@code
 * TypeSpec machine = new TemplateCompiler(env, trees, lints).compile(method, template, unresolvedTree);
 * }</pre>
 */
final class TemplateCompiler {
    private final ProcessingEnvironment env;
    private final Trees trees;
    private final AsyncLints lints;

    TemplateCompiler(ProcessingEnvironment env, Trees trees, AsyncLints lints) {
        this.env = env;
        this.trees = trees;
        this.lints = lints;
    }

    /** {@code unresolved}: a tree of the body whose type javac could not resolve, or {@code null}. */
    TypeSpec compile(AsyncMethod m, Template t, Tree unresolved) {
        Problems problems = new Problems(t);
        try {
            if (unresolved != null) {
                problems.error(unresolved, "cannot compile " + m.displayName() + ": the type of `" + unresolved
                        + "` is not resolved");
                problems.report(trees);
                return StateMachineWriter.writeFailed(m);
            }
            if (JavacRejects.find(t) != null) {
                return StateMachineWriter.writeFailed(m);   // javac reports it at the template: nothing to add
            }
            AwaitSites sites = TemplateValidator.validate(t, problems);
            lints.check(t, sites, problems);
            SuperDispatchCheck.warn(t);
            Awaits awaits = null;
            Variables vars = null;
            try {
                awaits = Awaits.find(t, sites);
                vars = Variables.analyse(t, awaits);
                vars.reportUnnameableFields(problems);
            } catch (RuntimeException e) {
                if (!problems.hasErrors()) {
                    throw e;
                }   // the errors reported explain it
            }
            problems.report(trees);
            if (problems.hasErrors()) {
                return StateMachineWriter.writeFailed(m);
            }
            TypeNames typeNames = new TypeNames(env.getTypeUtils(), new HashSet<>(m.typeVariableNames()));
            return StateMachineWriter.write(m, t, vars, typeNames, Lowering.lower(t, awaits, vars, typeNames));
        } catch (TemplateError e) {
            // the lowering or the printer met a misuse the validation should have reported
            report(t, e.at(), "jawait: internal error (a misuse the validation missed): " + e.getMessage());
            return StateMachineWriter.writeFailed(m);
        } catch (RuntimeException | StackOverflowError e) {
            StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            for (StackTraceElement frame : e.getStackTrace()) {
                if (frame.getClassName().startsWith("dev.jawait.processor")) {
                    where = frame;   // the processor's own frame says which construct failed
                    break;
                }
            }
            report(t, null, "jawait: internal error lowering " + m.displayName() + ": " + e
                    + (where == null ? "" : " (at " + where + ")"));
            return StateMachineWriter.writeFailed(m);
        }
    }

    private void report(Template t, Tree at, String message) {
        trees.printMessage(Diagnostic.Kind.ERROR, message, at != null ? at : t.tree, t.unit);
    }
}
