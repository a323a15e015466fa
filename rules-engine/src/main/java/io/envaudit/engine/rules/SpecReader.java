package io.envaudit.engine.rules;

import io.envaudit.engine.version.Flavor;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the specs of {@code when}, {@code require} and {@code forbid}: a plain string is PEP 508,
 * {@code {conda: "..."}} a conda MatchSpec. A spec that does not parse is reported at its text.
 */
final class SpecReader {
    private static final List<String> CONDA_KEYS = List.of("conda");

    private SpecReader() {
    }

    /** The specs of a list, or null when the list or any of its specs is wrong. */
    static List<PackageSpec> list(Node node, String what, NodeReader reader) {
        List<Node> items = reader.list(node, what);
        if (items == null) {
            return null;
        }
        boolean flow = ((SequenceNode) node).getFlowStyle() == FlowStyle.FLOW;
        List<PackageSpec> specs = new ArrayList<>(items.size());
        for (Node item : items) {
            specs.add(read(item, what, flow, reader));
        }
        return specs.contains(null) ? null : specs;
    }

    private static PackageSpec read(Node item, String what, boolean flow, NodeReader reader) {
        if (item instanceof MappingNode) {
            YamlMapping conda = reader.mapping(item, "a conda spec", CONDA_KEYS);
            if (conda == null || !reader.require(conda, "a conda spec", "conda")) {
                return null;
            }
            return parse(conda.value("conda"), Flavor.CONDA, "'conda'", false, reader);
        }
        if (item instanceof SequenceNode) {
            reader.error(item, "each entry of " + what + " must be a PEP 508 spec or {conda: ...}, found a list");
            return null;
        }
        return parse(item, Flavor.PEP440, "each entry of " + what, flow, reader);
    }

    /** @param inFlowList the spec is an entry of {@code [...]}, where a comma ends it */
    private static PackageSpec parse(Node node, Flavor grammar, String what, boolean inFlowList, NodeReader reader) {
        String text = reader.text(node, what);
        if (text == null) {
            return null;
        }
        try {
            return PackageSpec.parse(text, grammar);
        } catch (IllegalArgumentException e) {
            boolean splitAtComma = inFlowList && !text.isEmpty() && "<>=!~".indexOf(text.charAt(0)) >= 0;
            reader.error(node, e.getMessage()
                    + (splitAtComma ? "; in [...] a comma separates entries, so quote a spec that has one" : ""));
            return null;
        }
    }
}
