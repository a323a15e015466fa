package io.envaudit.streams.rules;

/** The rules topic could not be read or written: the message says which topic, what failed and, when known, why. */
public final class RulesTopicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RulesTopicException(String message) {
        super(message);
    }

    public RulesTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
