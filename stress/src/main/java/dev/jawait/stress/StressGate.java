package dev.jawait.stress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;

/**
 * Runs jcstress like its own {@code Main} does, then turns the verdict into an exit code, which
 * jcstress itself does not: 1 if any test saw a {@code FORBIDDEN} outcome, broke (error, timeout,
 * VM crash) or did not run at all, so {@code mvn verify} fails on a race.
 *
 * <pre>{@code
 * java -cp <classpath> dev.jawait.stress.StressGate -t 'dev\.jawait\..*' -c 2 -time 60 -r report
 * }</pre>
 */
public final class StressGate {
    private StressGate() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        if (!options.parse()) {
            System.exit(1);
        }
        JCStress jcstress = new JCStress(options);
        SortedSet<String> tests = jcstress.getTests();
        if (tests.isEmpty()) {
            System.err.println("StressGate: no jcstress test matches " + options.getTestFilter());
            System.exit(1);
        }
        try {
            jcstress.run();
        } catch (AssertionError failures) {
            // jcstress's own failure report; the verdict below lists the same tests, and more.
        }

        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(options.getResultFile(), collector);
        try {
            reader.dump();
        } finally {
            reader.close();
        }
        List<String> problems = verdict(tests, ReportUtils.mergedByName(collector.getTestResults()));
        System.out.println();
        if (problems.isEmpty()) {
            System.out.println("StressGate: all " + tests.size() + " jcstress tests passed; report in "
                    + options.getResultDest());
            System.exit(0);
        }
        System.out.println("StressGate: " + problems.size() + " of " + tests.size()
                + " jcstress tests FAILED (report in " + options.getResultDest() + "):");
        problems.forEach(p -> System.out.println("  " + p));
        System.exit(1);
    }

    /** One line per test that failed, broke or is missing from the results. */
    static List<String> verdict(Collection<String> expected, Collection<TestResult> results) {
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (TestResult r : results) {
            seen.add(r.getName());
            if (r.status() != Status.NORMAL) {
                problems.add(r.getName() + ": " + r.status() + " " + r.getMessages());
            } else if (!ReportUtils.statusToPassed(r)) {
                problems.add(r.getName() + ": FORBIDDEN outcome " + r.grading().failureMessages);
            }
        }
        for (String name : expected) {
            if (!seen.contains(name)) {
                problems.add(name + ": no result (did not run)");
            }
        }
        return problems;
    }
}
