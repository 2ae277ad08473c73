package io.tidemark.http.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.ToDoubleFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.dispatch.Dispatcher;
import org.apache.pekko.dispatch.MessageDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pekko dispatcher gauges, labelled {@code dispatcher} with its config path. Pekko keeps no
 * mailbox-depth metrics, so a dispatcher's executor queue stands in for them: tasks (each a
 * mailbox run or a future callback) waiting for a thread. Also the actors a dispatcher hosts and
 * its threads, busy and in total. Both executor kinds Pekko builds are read: fork-join (queued
 * submissions plus queued worker tasks) and thread-pool (its queue). A dispatcher of another kind
 * (e.g. virtual threads) is left out of the executor gauges.
 */
final class DispatcherMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherMetrics.class);

    /** The node's dispatchers: Pekko's own three and the one series shards run on. */
    static final List<String> DISPATCHERS = List.of("pekko.actor.default-dispatcher",
            "pekko.actor.internal-dispatcher", "pekko.actor.default-blocking-io-dispatcher",
            "tidemark.engine.shard.dispatcher");

    private record Watched(String name, Dispatcher dispatcher) {
    }

    private final List<Watched> watched = new ArrayList<>();

    DispatcherMetrics(ActorSystem<?> system) {
        for (String path : DISPATCHERS) {
            Object dispatcher = system.dispatchers().lookup(DispatcherSelector.fromConfig(path));
            if (dispatcher instanceof Dispatcher d) {
                watched.add(new Watched(path, d));
            } else {
                LOG.info("Dispatcher {} is a {}, not a Dispatcher: no gauges for it", path,
                        dispatcher.getClass().getName());
            }
        }
    }

    void register(PrometheusRegistry registry) {
        gauge(registry, "tidemark_dispatcher_queued_tasks",
                "Tasks (mailbox runs, callbacks) waiting for a thread of the dispatcher.", DispatcherMetrics::queued);
        gauge(registry, "tidemark_dispatcher_threads", "Threads of the dispatcher's pool.", DispatcherMetrics::threads);
        gauge(registry, "tidemark_dispatcher_active_threads", "Threads of the dispatcher running a task.",
                DispatcherMetrics::active);
        GaugeWithCallback.builder().name("tidemark_dispatcher_actors").help("Actors running on the dispatcher.")
                .labelNames("dispatcher").callback(callback -> {
                    for (Watched w : watched) {
                        callback.call(((MessageDispatcher) w.dispatcher()).inhabitants(), w.name());
                    }
                }).register(registry);
    }

    private void gauge(PrometheusRegistry registry, String name, String help, ToDoubleFunction<ExecutorService> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("dispatcher").callback(callback -> {
            for (Watched w : watched) {
                ExecutorService executor = w.dispatcher().executorService().executor();
                double v = value.applyAsDouble(executor);
                if (!Double.isNaN(v)) {
                    callback.call(v, w.name());
                }
            }
        }).register(registry);
    }

    private static double queued(ExecutorService executor) {
        if (executor instanceof ForkJoinPool pool) {
            return pool.getQueuedSubmissionCount() + pool.getQueuedTaskCount();
        }
        return executor instanceof ThreadPoolExecutor pool ? pool.getQueue().size() : Double.NaN;
    }

    private static double threads(ExecutorService executor) {
        if (executor instanceof ForkJoinPool pool) {
            return pool.getPoolSize();
        }
        return executor instanceof ThreadPoolExecutor pool ? pool.getPoolSize() : Double.NaN;
    }

    private static double active(ExecutorService executor) {
        if (executor instanceof ForkJoinPool pool) {
            return pool.getActiveThreadCount();
        }
        return executor instanceof ThreadPoolExecutor pool ? pool.getActiveCount() : Double.NaN;
    }
}
