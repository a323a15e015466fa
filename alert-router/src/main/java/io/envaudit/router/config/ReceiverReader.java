package io.envaudit.router.config;

import io.envaudit.engine.version.Quoting;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads {@code receivers:}, a list of receivers each with a unique {@code name} and a {@code type}. */
final class ReceiverReader {
    private static final List<String> COMMON_KEYS = List.of("name", "type", "url", "url_env", "url_file", "group_window",
            "tls", "rate_limit", "timeout", "max_attempts", "initial_backoff", "max_backoff");
    private static final List<String> CHAT_KEYS = List.of("list_limit");
    private static final List<String> TOKEN_KEYS = List.of("token_env", "token_file");
    private static final List<String> BATCH_KEYS = List.of("batch_size");
    private static final List<String> ALERTMANAGER_KEYS = List.of("refresh_interval");
    private static final List<String> TLS_KEYS = List.of("ca_file");
    private static final List<String> ALL_KEYS = concat(COMMON_KEYS, CHAT_KEYS, TOKEN_KEYS, BATCH_KEYS, ALERTMANAGER_KEYS);
    private static final Pattern RATE = Pattern.compile("([1-9][0-9]{0,5})/(s|m|h)");

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Retry DEFAULT_RETRY = new Retry(8, Duration.ofSeconds(1), Duration.ofMinutes(5));
    static final RateLimit DEFAULT_CHAT_RATE = new RateLimit(30, Duration.ofMinutes(1));
    static final int DEFAULT_LIST_LIMIT = 10;
    static final int DEFAULT_BATCH_SIZE = 100;
    /** A post's payload is kept in the delivery log until delivered: 200 alerts stay well below Kafka's 1 MB record. */
    static final int MAX_BATCH_SIZE = 200;
    static final Duration DEFAULT_REFRESH = Duration.ofMinutes(1);

    private final YamlReader reader;
    private final SecretReader secrets;
    private final CaFileReader caFiles;
    private final Duration defaultGroupWindow;
    private final Set<String> declared = new LinkedHashSet<>();

    ReceiverReader(YamlReader reader, SecretReader secrets, CaFileReader caFiles, Duration defaultGroupWindow) {
        this.reader = reader;
        this.secrets = secrets;
        this.caFiles = caFiles;
        this.defaultGroupWindow = defaultGroupWindow;
    }

    /** Every name declared, including those of receivers that had problems. */
    Set<String> declared() {
        return declared;
    }

    /** The receivers that read cleanly, by name. */
    Map<String, ReceiverConfig> readAll(Node node) {
        Map<String, ReceiverConfig> receivers = new LinkedHashMap<>();
        List<Node> items = reader.list(node, "'receivers'");
        if (items == null) {
            return receivers;
        }
        Map<String, String> firstAt = new LinkedHashMap<>();
        for (Node item : items) {
            Map<String, NodeTuple> fields = reader.mapping(item, "a receiver", ALL_KEYS);
            if (fields == null) {
                continue;
            }
            if (!fields.containsKey("name")) {
                reader.error(item, "a receiver needs a 'name'");
                continue;
            }
            Node nameNode = fields.get("name").getValueNode();
            String name = reader.text(nameNode, "'name'");
            if (name == null) {
                continue;
            }
            String first = firstAt.putIfAbsent(name, reader.at(nameNode));
            if (first != null) {
                reader.error(nameNode, "duplicate receiver " + Quoting.quote(name) + ", first defined at " + first);
                continue;
            }
            declared.add(name);
            ReceiverConfig receiver = read(name, item, fields);
            if (receiver != null) {
                receivers.put(name, receiver);
            }
        }
        return receivers;
    }

    private ReceiverConfig read(String name, Node item, Map<String, NodeTuple> fields) {
        int problemsBefore = reader.problemCount();
        String what = "receiver " + Quoting.quote(name);
        ReceiverType type = type(item, fields, what);
        if (type == null) {
            return null;
        }
        List<String> allowed = allowedKeys(type);
        for (Map.Entry<String, NodeTuple> field : fields.entrySet()) {
            if (!allowed.contains(field.getKey())) {
                reader.error(field.getValue().getKeyNode(), Quoting.quote(field.getKey()) + " does not apply to "
                        + (type == ReceiverType.ALERTMANAGER ? "an " : "a ") + type.label() + " receiver (" + what + ")");
            }
        }
        Secret url = url(item, fields, type, what);
        Optional<Secret> token = token(fields, what);
        Optional<CaFile> caFile = tls(fields, url, what);
        Duration groupWindow = duration(fields, "group_window", defaultGroupWindow);
        Optional<RateLimit> rateLimit = fields.containsKey("rate_limit")
                ? Optional.ofNullable(rate(fields.get("rate_limit").getValueNode()))
                : Optional.ofNullable(type.chat() ? DEFAULT_CHAT_RATE : null);
        Duration timeout = duration(fields, "timeout", DEFAULT_TIMEOUT);
        Integer attempts = count(fields, "max_attempts", DEFAULT_RETRY.attempts(), 100);
        Duration initialBackoff = duration(fields, "initial_backoff", DEFAULT_RETRY.initialBackoff());
        Duration maxBackoff = duration(fields, "max_backoff", DEFAULT_RETRY.maxBackoff());
        Integer listLimit = count(fields, "list_limit", DEFAULT_LIST_LIMIT, 40);
        Integer batchSize = count(fields, "batch_size", DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE);
        Duration refresh = duration(fields, "refresh_interval", DEFAULT_REFRESH);
        if (initialBackoff != null && maxBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
            reader.error(fields.get("max_backoff").getValueNode(), "'max_backoff' is shorter than 'initial_backoff' (" + what + ")");
        }
        if (reader.problemCount() > problemsBefore) {
            return null;
        }
        return new ReceiverConfig(name, type, url, token, caFile, groupWindow, rateLimit, timeout,
                new Retry(attempts, initialBackoff, maxBackoff), listLimit, batchSize, refresh);
    }

    private ReceiverType type(Node item, Map<String, NodeTuple> fields, String what) {
        if (!fields.containsKey("type")) {
            reader.error(item, what + " needs a 'type': " + typeNames());
            return null;
        }
        Node node = fields.get("type").getValueNode();
        String text = reader.text(node, "'type'");
        if (text == null) {
            return null;
        }
        for (ReceiverType type : ReceiverType.values()) {
            if (type.label().equals(text)) {
                return type;
            }
        }
        reader.error(node, "unknown receiver type " + Quoting.quote(text) + " (" + what + "); expected " + typeNames());
        return null;
    }

    private static List<String> allowedKeys(ReceiverType type) {
        return switch (type) {
            case SLACK, MATTERMOST, ROCKETCHAT, TEAMS -> concat(COMMON_KEYS, CHAT_KEYS);
            case WEBHOOK -> concat(COMMON_KEYS, TOKEN_KEYS, BATCH_KEYS);
            case ALERTMANAGER -> concat(COMMON_KEYS, TOKEN_KEYS, BATCH_KEYS, ALERTMANAGER_KEYS);
        };
    }

    /** Exactly one of url, url_env and url_file; a chat webhook's URL is its credential, so never written in the file. */
    private Secret url(Node item, Map<String, NodeTuple> fields, ReceiverType type, String what) {
        List<String> given = List.of("url", "url_env", "url_file").stream().filter(fields::containsKey).toList();
        if (given.size() != 1) {
            reader.error(given.isEmpty() ? item : fields.get(given.get(1)).getKeyNode(), what + " needs exactly one of "
                    + "'url', 'url_env' and 'url_file'" + (given.isEmpty() ? "" : ", found " + String.join(" and ", given)));
            return null;
        }
        String key = given.get(0);
        Node node = fields.get(key).getValueNode();
        if (key.equals("url") && type.chat()) {
            reader.error(fields.get(key).getKeyNode(), "the URL of a " + type.label() + " webhook is its credential: give it "
                    + "with 'url_env' (a variable) or 'url_file' (a file), not in the routes file (" + what + ")");
            return null;
        }
        String text = reader.text(node, Quoting.quote(key));
        if (text == null) {
            return null;
        }
        Secret url = switch (key) {
            case "url_env" -> secrets.fromVariable(node, text, "'url_env' of " + what, reader);
            case "url_file" -> secrets.fromFile(node, text, "'url_file' of " + what, reader);
            default -> new Secret(text, "the 'url' at " + reader.at(node));
        };
        if (url != null && !isHttpUrl(url.reveal())) {
            reader.error(node, "the URL from " + url.source() + " (" + what + ") is not an absolute http or https URL");
            return null;
        }
        return url;
    }

    private static boolean isHttpUrl(String text) {
        String scheme = scheme(text);
        return (scheme.equals("http") || scheme.equals("https")) && URI.create(text).getHost() != null;
    }

    /** In lower case; empty when the text is no URI. */
    private static String scheme(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return "";
        }
    }

    /**
     * {@code tls: {ca_file: PATH}}: the CAs that this receiver's certificate must chain to, instead of the JVM's
     * trust store. On an http URL it would never be used, which is a mistake worth saying (the URL was meant
     * to be https, or the block belongs to another receiver).
     */
    private Optional<CaFile> tls(Map<String, NodeTuple> fields, Secret url, String what) {
        if (!fields.containsKey("tls")) {
            return Optional.empty();
        }
        NodeTuple tls = fields.get("tls");
        if (url != null && !scheme(url.reveal()).equals("https")) {
            reader.error(tls.getKeyNode(), "'tls' of " + what + " would never be used: the URL from " + url.source()
                    + " is http, not https");
        }
        Map<String, NodeTuple> settings = reader.mapping(tls.getValueNode(), "'tls' of " + what, TLS_KEYS);
        if (settings == null) {
            return Optional.empty();
        }
        if (!settings.containsKey("ca_file")) {
            reader.error(tls.getValueNode(), "'tls' of " + what + " needs 'ca_file', the PEM file of the CAs its certificate"
                    + " chains to");
            return Optional.empty();
        }
        Node node = settings.get("ca_file").getValueNode();
        String path = reader.text(node, "'tls.ca_file'");
        return path == null ? Optional.empty() : Optional.ofNullable(caFiles.read(node, path, "'tls.ca_file' of " + what, reader));
    }

    private Optional<Secret> token(Map<String, NodeTuple> fields, String what) {
        List<String> given = TOKEN_KEYS.stream().filter(fields::containsKey).toList();
        if (given.isEmpty()) {
            return Optional.empty();
        }
        if (given.size() > 1) {
            reader.error(fields.get(given.get(1)).getKeyNode(), what + " takes one of 'token_env' and 'token_file', not both");
            return Optional.empty();
        }
        Node node = fields.get(given.get(0)).getValueNode();
        String text = reader.text(node, Quoting.quote(given.get(0)));
        if (text == null) {
            return Optional.empty();
        }
        String role = Quoting.quote(given.get(0)) + " of " + what;
        return Optional.ofNullable(given.get(0).equals("token_env")
                ? secrets.fromVariable(node, text, role, reader) : secrets.fromFile(node, text, role, reader));
    }

    private Duration duration(Map<String, NodeTuple> fields, String key, Duration otherwise) {
        return fields.containsKey(key) ? reader.duration(fields.get(key).getValueNode(), Quoting.quote(key)) : otherwise;
    }

    private Integer count(Map<String, NodeTuple> fields, String key, int otherwise, int max) {
        return fields.containsKey(key) ? reader.count(fields.get(key).getValueNode(), Quoting.quote(key), max) : otherwise;
    }

    /** {@code 30/m}: at most 30 messages a minute ({@code s}, {@code m}, {@code h}). */
    private RateLimit rate(Node node) {
        String text = reader.text(node, "'rate_limit'");
        if (text == null) {
            return null;
        }
        Matcher form = RATE.matcher(text);
        if (!form.matches()) {
            reader.error(node, "'rate_limit' must be messages per second, minute or hour, such as 1/s, 30/m or 500/h, found "
                    + Quoting.quote(text));
            return null;
        }
        Duration period = switch (form.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return new RateLimit(Integer.parseInt(form.group(1)), period);
    }

    private static String typeNames() {
        return Arrays.stream(ReceiverType.values()).map(ReceiverType::label).collect(Collectors.joining(", "));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
