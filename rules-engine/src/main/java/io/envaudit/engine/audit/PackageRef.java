package io.envaudit.engine.audit;

/** An installed package as a conflict names it: enough to find it and to act on it. */
public record PackageRef(String name, String version, String installer, String channel, String build) {

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name).append(' ').append(version);
        if (channel != null || build != null || installer.equals("UNKNOWN")) {
            out.append(" (").append(installer.equals("UNKNOWN") ? "installer unknown" : installer.toLowerCase(java.util.Locale.ROOT));
            if (channel != null) {
                out.append(", ").append(channel);
            }
            if (build != null) {
                out.append(", build ").append(build);
            }
            out.append(')');
        }
        return out.toString();
    }
}
