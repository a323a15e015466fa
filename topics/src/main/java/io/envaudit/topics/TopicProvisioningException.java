package io.envaudit.topics;

/** The topics cannot be made ready: the message says which topic, what is wrong and what to do. */
public final class TopicProvisioningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TopicProvisioningException(String message) {
        super(message);
    }

    public TopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
