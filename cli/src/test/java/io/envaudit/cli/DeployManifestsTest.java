package io.envaudit.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What can be checked of deploy/ without a Docker engine or a cluster: the compose file and the Kubernetes
 * manifests parse, every file they mount or copy exists, every image is pinned to an exact tag, the probes ask
 * for the paths and ports the auditor and the router serve, and every command they run is one envaudit's own
 * parser accepts.
 */
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Path REPOSITORY = Path.of("..");
    /** name:tag, the tag an exact version (digits and dots, with an optional suffix): never latest, never bare. */
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./-]+:v?\\d+(\\.\\d+)+([_-][A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?");
    /** Images envaudit builds itself (deploy/Dockerfile, Dockerfile.agent), tagged with its version. */
    private static final List<String> OWN_IMAGES = List.of("envaudit:", "envaudit-agent:");

    private static Map<String, Object> compose() throws IOException {
        return Yaml.map(Yaml.load(DEPLOY.resolve("docker-compose.yml")));
    }

    private static List<Map<String, Object>> k8sDocuments() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Yaml.loadAll(file).forEach(d -> documents.add(Yaml.map(d)));
            }
        }
        return documents;
    }

    private static Map<String, Object> kind(String kind, String name) throws IOException {
        return k8sDocuments().stream().filter(d -> kind.equals(d.get("kind")) && name.equals(Yaml.at(d, "metadata").get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/k8s"));
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        return Yaml.maps(Yaml.at(workload, "spec", "template", "spec"), "containers").get(0);
    }

    private static List<String> strings(List<Object> words) {
        return words.stream().map(String::valueOf).toList();
    }

    private static void assertPinned(String image, String where) {
        assertTrue(PINNED.matcher(image).matches() && !image.contains(":latest"), where + ": image " + image + " is not pinned to an exact tag");
    }

    @Test
    void theComposeFileParsesAndMountsOnlyFilesThatExist() throws Exception {
        Map<String, Object> services = Yaml.at(compose(), "services");
        assertEquals(List.of("kafka", "auditor", "router", "prometheus", "alertmanager", "grafana"), List.copyOf(services.keySet()));
        for (Map.Entry<String, Object> service : services.entrySet()) {
            for (Object volume : Yaml.list(Yaml.map(service.getValue()), "volumes")) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".")) {
                    assertTrue(Files.exists(DEPLOY.resolve(source)), service.getKey() + " mounts " + source + ", which is missing");
                }
            }
        }
        Map<String, Object> build = Yaml.at(services, "auditor", "build");
        assertTrue(Files.isRegularFile(DEPLOY.resolve(String.valueOf(build.get("context"))).resolve(String.valueOf(build.get("dockerfile")))));
    }

    @Test
    void everyImageIsPinned() throws Exception {
        for (Map.Entry<String, Object> service : Yaml.at(compose(), "services").entrySet()) {
            String image = String.valueOf(Yaml.map(service.getValue()).get("image"));
            assertPinned(image, "compose service " + service.getKey());
        }
        for (Map<String, Object> document : k8sDocuments()) {
            if (document.get("spec") instanceof Map<?, ?> && Yaml.map(document.get("spec")).get("template") != null) {
                for (Map<String, Object> c : Yaml.maps(Yaml.at(document, "spec", "template", "spec"), "containers")) {
                    assertPinned(String.valueOf(c.get("image")), "k8s " + document.get("kind"));
                }
            }
        }
        for (String dockerfile : List.of("Dockerfile", "Dockerfile.agent")) {
            for (String line : Files.readAllLines(DEPLOY.resolve(dockerfile))) {
                if (line.startsWith("FROM ")) {
                    assertPinned(line.substring("FROM ".length()).trim(), dockerfile);
                }
            }
        }
    }

    @Test
    void theDockerfilesCopyTheJarsTheBuildMakes() throws Exception {
        Pattern copy = Pattern.compile("^COPY (\\S+) (\\S+)$", Pattern.MULTILINE);
        Map<String, String> jars = Map.of("Dockerfile", "cli/target/envaudit.jar", "Dockerfile.agent", "agent-cli/target/envaudit-agent.jar");
        for (Map.Entry<String, String> dockerfile : jars.entrySet()) {
            Matcher m = copy.matcher(Files.readString(DEPLOY.resolve(dockerfile.getKey())));
            assertTrue(m.find(), dockerfile.getKey());
            // the shaded jars are build outputs: their names are the shade plugin's finalName in the module's pom
            assertEquals(dockerfile.getValue(), m.group(1));
            String module = dockerfile.getValue().substring(0, dockerfile.getValue().indexOf('/'));
            String jarName = dockerfile.getValue().substring(dockerfile.getValue().lastIndexOf('/') + 1).replace(".jar", "");
            assertTrue(Files.readString(REPOSITORY.resolve(module).resolve("pom.xml")).contains("<finalName>" + jarName + "</finalName>"),
                    module + " builds " + jarName + ".jar");
            assertFalse(m.find(), "one COPY: the jar");
        }
    }

    @Test
    void theComposeCommandsAreOnesEnvauditAccepts() throws Exception {
        Map<String, Object> services = Yaml.at(compose(), "services");
        CommandLine.ParseResult run = new CommandLine(new EnvauditCommand())
                .parseArgs(strings(Yaml.list(Yaml.at(services, "auditor"), "command")).toArray(String[]::new)).subcommand();
        assertEquals("run", run.commandSpec().name());
        assertEquals("0.0.0.0:9464", run.matchedOptionValue("--metrics-address", null).toString().replace("/", ""));
        CommandLine.ParseResult route = new CommandLine(new EnvauditCommand())
                .parseArgs(strings(Yaml.list(Yaml.at(services, "router"), "command")).toArray(String[]::new)).subcommand();
        assertEquals("route", route.commandSpec().name());
        assertEquals(9465, (int) route.matchedOptionValue("--metrics-port", 0));
        assertTrue(Files.isRegularFile(DEPLOY.resolve("compose/routes.yaml")));
        assertTrue(String.valueOf(Yaml.list(Yaml.at(services, "router"), "volumes")).contains("./compose/routes.yaml:/etc/envaudit/routes.yaml"));
    }

    @Test
    void theKubernetesWorkloadsRunCommandsEnvauditAcceptsAndProbeWhatItServes() throws Exception {
        Map<String, Object> auditor = kind("StatefulSet", "envaudit-auditor");
        Map<String, Object> c = container(auditor);
        CommandLine.ParseResult run = new CommandLine(new EnvauditCommand()).parseArgs(strings(Yaml.list(c, "args")).toArray(String[]::new)).subcommand();
        assertEquals("run", run.commandSpec().name());
        assertEquals("envaudit", run.matchedOptionValue("--application-id", null), "one application id shared by every replica");
        int port = ((java.net.InetSocketAddress) run.matchedOptionValue("--metrics-address", null)).getPort();
        assertEquals(Map.of("name", "metrics", "containerPort", port), Yaml.maps(c, "ports").get(0));
        assertEquals(Map.of("path", "/ready", "port", "metrics"), Yaml.at(c, "readinessProbe", "httpGet"));
        assertEquals(Map.of("path", "/health", "port", "metrics"), Yaml.at(c, "livenessProbe", "httpGet"));
        assertEquals(String.valueOf(port), Yaml.at(auditor, "spec", "template", "metadata", "annotations").get("prometheus.io/port"));
        String stateDir = run.matchedOptionValue("--state-dir", Path.of("")).toString();
        String claim = String.valueOf(Yaml.maps(Yaml.at(auditor, "spec"), "volumeClaimTemplates").get(0).get("metadata"));
        assertTrue(claim.contains("name=state"), claim);
        assertTrue(Yaml.maps(c, "volumeMounts").stream().anyMatch(m -> m.get("name").equals("state")
                && stateDir.startsWith(String.valueOf(m.get("mountPath")))), "the state dir is on the claimed volume");
        Map<String, Object> service = kind("Service", "envaudit-auditor");
        assertEquals("None", Yaml.at(service, "spec").get("clusterIP"), "headless");
        assertEquals(Yaml.at(service, "metadata").get("name"), Yaml.at(auditor, "spec").get("serviceName"));

        Map<String, Object> router = container(kind("Deployment", "envaudit-router"));
        CommandLine.ParseResult route = new CommandLine(new EnvauditCommand()).parseArgs(strings(Yaml.list(router, "args")).toArray(String[]::new)).subcommand();
        assertEquals("route", route.commandSpec().name());
        assertEquals(Map.of("name", "metrics", "containerPort", route.matchedOptionValue("--metrics-port", 0)), Yaml.maps(router, "ports").get(0));
        assertEquals(Map.of("path", "/ready", "port", "metrics"), Yaml.at(router, "readinessProbe", "httpGet"));

        Map<String, Object> daemonSet = kind("DaemonSet", "envaudit-agent");
        Map<String, Object> agent = container(daemonSet);
        CommandLine.ParseResult publish = new CommandLine(new EnvauditAgentCommand()).parseArgs(strings(Yaml.list(agent, "args")).toArray(String[]::new))
                .subcommand().subcommand();
        assertEquals("publish", publish.commandSpec().name());
        assertTrue(publish.hasMatchedOption("--interval"));
        Map<String, Object> pod = Yaml.at(daemonSet, "spec", "template", "spec");
        assertFalse(Yaml.map(pod.get("nodeSelector")).isEmpty(), "GPU nodes only");
        assertFalse(Yaml.list(pod, "tolerations").isEmpty(), "tolerates the GPU taint");
        List<String> hostPaths = Yaml.maps(pod, "volumes").stream().filter(v -> v.containsKey("hostPath")).map(v -> (String) v.get("name")).toList();
        for (Map<String, Object> mount : Yaml.maps(agent, "volumeMounts")) {
            if (hostPaths.contains(mount.get("name")) && !mount.get("name").equals("state")) {
                assertEquals(Boolean.TRUE, mount.get("readOnly"), "the node's " + mount.get("mountPath") + " is read-only to the agent");
            }
        }
    }

    @Test
    void theKubernetesConfigMapsTheWorkloadsNameExist() throws Exception {
        for (String name : List.of("envaudit-kafka", "envaudit-routes", "envaudit-agent")) {
            kind("ConfigMap", name);
        }
        String routes = String.valueOf(Yaml.at(kind("ConfigMap", "envaudit-routes"), "data").get("routes.yaml"));
        assertTrue(routes.contains("receivers:"), routes);
    }
}
