package io.envaudit.agent.read;

import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong while reading one environment. A problem that left something out (a record that does
 * not parse, a folder that cannot be listed) makes the snapshot partial: a package it does not show is
 * then unknown to the audit, not missing.
 */
public final class ReadLog {
    private final List<ReadProblem> problems = new ArrayList<>();
    private boolean partial;

    /** Something read in part or guessed (an odd encoding); nothing is left out. */
    public void note(ReadProblem problem) {
        problems.add(problem);
    }

    /** Something left out of the snapshot. */
    public void leftOut(ReadProblem problem) {
        problems.add(problem);
        partial = true;
    }

    public List<ReadProblem> problems() {
        return List.copyOf(problems);
    }

    public boolean partial() {
        return partial;
    }
}
