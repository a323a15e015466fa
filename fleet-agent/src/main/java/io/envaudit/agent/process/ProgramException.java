package io.envaudit.agent.process;

/** A program that could not be run, or did not finish in time; the message says which ({@code did not answer within 20 s}). */
public final class ProgramException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProgramException(String message) {
        super(message);
    }
}
