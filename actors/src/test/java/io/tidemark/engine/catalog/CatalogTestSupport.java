package io.tidemark.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/** Actor systems on a data directory, a controllable clock, and helpers to await catalog answers. */
final class CatalogTestSupport {

    /** A deadline for answers on a busy shared machine, not a speed assertion. */
    private static final long ANSWER_SECONDS = 20;

    private CatalogTestSupport() {}

    /**
     * A single-node system storing its catalog under {@code dataDir}, joined to itself (the catalog
     * singleton starts once the node is Up); {@code overrides} is HOCON.
     */
    static ActorSystem<Void> system(String name, Path dataDir, String overrides) {
        Config config = ConfigFactory.parseString("include classpath(\"tidemark/single-node.conf\")\n"
                + "tidemark.data-dir = \"" + dataDir.toString().replace("\\", "/") + "\"\n" + overrides);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), name, ConfigFactory.load(config));
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        return system;
    }

    static void stop(ActorSystem<?> system) throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(ANSWER_SECONDS, TimeUnit.SECONDS);
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the catalog refused: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer from the catalog", e);
        }
    }

    /**
     * Awaits a refusal and returns it, failing unless the stage completed with an EngineException
     * of {@code kind} itself (not wrapped) whose message starts with "cannot ".
     */
    static EngineException refused(CompletionStage<?> stage, ErrorKind kind) {
        Throwable failure = await(stage.handle((value, t) -> t == null ? new AssertionError(
                "expected " + kind + " but the catalog answered " + value) : t));
        assertThat(failure).isInstanceOf(EngineException.class);
        EngineException e = (EngineException) failure;
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        assertThat(e.getMessage()).startsWith("cannot ");
        return e;
    }
}
