package org.reports.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node in this JVM, from the jars on the classpath: what the tests and benches run
 * a cluster of, one JVM per node. Settings come from the command line as key=value pairs
 * (path.home is required); its transport, analysis, scripting and reindex (delete by query) modules are given as classes,
 * since there is no distribution to load them from. Bootstrap checks, the security manager and
 * the refusal to run as root belong to the distribution's launcher, not to Node, and are skipped:
 * a node for tests, not for production. It stops on SIGTERM (the shutdown hook closes it).
 */
public final class ArchiveNode extends Node {
    static final List<Class<? extends Plugin>> MODULES =
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, PainlessPlugin.class, ReindexPlugin.class);

    private ArchiveNode(Environment environment) {
        super(environment, MODULES, true);
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder settings = Settings.builder();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected key=value, got: " + arg);
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String home = settings.get("path.home");
        if (home == null) throw new IllegalArgumentException("path.home=… is required");
        Path config = Path.of(home, "config");
        // The layout Node expects of a distribution: config/ with a log4j2.properties, and empty
        // modules/ and plugins/ (everything it loads is on the classpath).
        Files.createDirectories(config);
        Files.createDirectories(Path.of(home, "modules"));
        Files.createDirectories(Path.of(home, "plugins"));
        Path log4j = config.resolve("log4j2.properties");
        if (!Files.exists(log4j)) {
            try (var in = ArchiveNode.class.getResourceAsStream("/log4j2.properties")) {
                Files.copy(in, log4j);
            }
        }
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings.build(), java.util.Map.of(), config, () -> settings.get("node.name"));
        LogConfigurator.configure(environment);
        Node node = new ArchiveNode(environment);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        node.start();
        Settings built = environment.settings();
        System.out.println("archive-node: started " + built.get("node.name") + " http " + built.get("http.port", "9200"));
        stopped.await();
    }
}
