package io.envaudit.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One question an orchestrator asks over HTTP — is the process alive ({@code /health}), should it get
 * work ({@code /ready})? — answered from the process's state at the moment it is asked.
 */
@FunctionalInterface
public interface Probe {

    Answer check();

    /**
     * The answer for a process made of several parts (the auditor and the router in one process): yes when
     * every part says yes; the detail gives each part's, {@code auditor: ready; router: joining ...}. Every
     * part is asked, so that the detail of a no says which parts are not there yet.
     *
     * @param parts each part's probe by its name, in the order the detail lists them
     */
    static Probe all(Map<String, Probe> parts) {
        Map<String, Probe> ordered = new LinkedHashMap<>(parts);
        return () -> {
            boolean ok = true;
            List<String> details = new ArrayList<>();
            for (Map.Entry<String, Probe> part : ordered.entrySet()) {
                Answer answer = part.getValue().check();
                ok &= answer.ok();
                details.add(part.getKey() + ": " + answer.detail());
            }
            return new Answer(ok, String.join("; ", details));
        };
    }

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
