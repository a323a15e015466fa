package io.envaudit.router.log;

/** The delivery log cannot be written: the router must stop rather than post what it cannot remember. */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
