package io.envaudit.agent.config;

/** A configuration file that cannot be used; the message names the file, line, column and key. */
public final class AgentConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public AgentConfigException(String message) {
        super(message);
    }
}
