package io.envaudit.engine.rules;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.List;
import java.util.Optional;

/** One rule file's text and its YAML node tree: where a node sits, and the text it was written as. */
final class YamlSource {
    private final RuleFile file;

    YamlSource(RuleFile file) {
        this.file = file;
    }

    String fileName() {
        return file.name();
    }

    String text() {
        return file.text();
    }

    /**
     * The file's one document, or empty when it has none (an empty file, or only comments).
     *
     * @throws org.snakeyaml.engine.v2.exceptions.YamlEngineException when the text is not YAML
     */
    Optional<Node> compose() {
        LoadSettings settings = LoadSettings.builder().setLabel(file.name()).build();
        return new Compose(settings).composeString(file.text());
    }

    Location at(Node node) {
        return node.getStartMark().map(this::at).orElse(new Location(file.name(), 1, 1));
    }

    private Location at(Mark mark) {
        return new Location(file.name(), mark.getLine() + 1, mark.getColumn() + 1);
    }

    /**
     * The node's text as written, for display: from its first character to the end of its last value (and a
     * comment closing that line), re-indented so that it starts at column 1 when every line allows it.
     * Comments and blank lines after the node belong to what follows and are left out.
     */
    String textOf(Node node) {
        String text = file.text();
        int start = charIndex(node.getStartMark().map(Mark::getIndex).orElse(0));
        int end = Math.max(start, charIndex(contentEnd(node)));
        end = afterTrailingComment(text, end);
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        return dedent(text.substring(start, end).stripTrailing(), start - lineStart);
    }

    /**
     * Where a node's content ends, as a code point index. A block collection's end mark lies at the next
     * token, past trailing comments and blank lines, so look at its last value instead. An alias makes
     * that value start earlier in the text than its key; then the collection's own end mark has to do.
     */
    private static int contentEnd(Node node) {
        int end = node.getEndMark().map(Mark::getIndex).orElse(0);
        if (!(node instanceof CollectionNode<?> collection) || collection.getFlowStyle() == FlowStyle.FLOW) {
            return end;
        }
        int start = startOf(node);
        if (node instanceof MappingNode mapping && !mapping.getValue().isEmpty()) {
            List<NodeTuple> tuples = mapping.getValue();
            NodeTuple last = tuples.get(tuples.size() - 1);
            Node value = last.getValueNode();
            int keyEnd = last.getKeyNode().getEndMark().map(Mark::getIndex).orElse(Integer.MAX_VALUE);
            return startOf(value) > start && startOf(value) >= keyEnd ? contentEnd(value) : end;
        }
        if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
            List<Node> items = sequence.getValue();
            Node last = items.get(items.size() - 1);
            int previousEnd = items.size() > 1
                    ? items.get(items.size() - 2).getEndMark().map(Mark::getIndex).orElse(Integer.MAX_VALUE) : start;
            return startOf(last) > start && startOf(last) >= previousEnd ? contentEnd(last) : end;
        }
        return end;
    }

    private static int startOf(Node node) {
        return node.getStartMark().map(Mark::getIndex).orElse(0);
    }

    private static int afterTrailingComment(String text, int end) {
        if (end == 0 || text.charAt(end - 1) == '\n') {
            return end;
        }
        int i = end;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '#') {
            int lineEnd = text.indexOf('\n', i);
            return lineEnd < 0 ? text.length() : lineEnd;
        }
        return end;
    }

    private static String dedent(String slice, int column) {
        String[] lines = slice.split("\r?\n", -1);
        boolean indented = true;
        for (int i = 1; i < lines.length && indented; i++) {
            indented = lines[i].isBlank() || (lines[i].length() >= column && lines[i].substring(0, column).isBlank());
        }
        StringBuilder out = new StringBuilder(slice.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
                out.append(indented ? lines[i].substring(Math.min(column, lines[i].length())) : lines[i]);
            } else {
                out.append(lines[i]);
            }
        }
        return out.toString();
    }

    /** Marks count code points; strings index chars. */
    private int charIndex(int codePointIndex) {
        String text = file.text();
        int limit = Math.min(codePointIndex, text.codePointCount(0, text.length()));
        return text.offsetByCodePoints(0, limit);
    }
}
