package io.envaudit.status;

/**
 * One question an orchestrator asks over HTTP — is the process alive ({@code /health}), should it get
 * work ({@code /ready})? — answered from the process's state at the moment it is asked.
 */
@FunctionalInterface
public interface Probe {

    Answer check();

    /**
     * @param ok     yes (HTTP 200) or no (503)
     * @param detail one line saying why, for the person who looks: the state, the partitions, the failure
     */
    record Answer(boolean ok, String detail) {
        public static Answer yes(String detail) {
            return new Answer(true, detail);
        }

        public static Answer no(String detail) {
            return new Answer(false, detail);
        }
    }
}
