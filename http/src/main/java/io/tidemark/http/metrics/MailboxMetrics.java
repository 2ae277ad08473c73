package io.tidemark.http.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tidemark.engine.mailbox.MailboxDepths;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Mailbox gauges per actor group (label {@code actor}: {@code /system/sharding/series-shard},
 * {@code /system/replica-keeper} …; see {@link MailboxDepths}): messages waiting, the deepest
 * mailbox, and live mailboxes. A group with a growing backlog is the part of the node that cannot
 * keep up.
 */
final class MailboxMetrics {

    private final MailboxDepths depths;

    MailboxMetrics(MailboxDepths depths) {
        this.depths = depths;
    }

    void register(PrometheusRegistry registry) {
        gauge(registry, "tidemark_mailbox_messages", "Messages waiting in the mailboxes of the actor group.",
                MailboxDepths.GroupDepth::messages);
        gauge(registry, "tidemark_mailbox_max_messages", "Messages waiting in the fullest mailbox of the actor group.",
                MailboxDepths.GroupDepth::deepest);
        gauge(registry, "tidemark_mailboxes", "Live actors (mailboxes) of the actor group.",
                MailboxDepths.GroupDepth::mailboxes);
    }

    private void gauge(PrometheusRegistry registry, String name, String help,
            ToDoubleFunction<MailboxDepths.GroupDepth> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("actor").callback(callback -> {
            for (Map.Entry<String, MailboxDepths.GroupDepth> group : depths.snapshot().entrySet()) {
                callback.call(value.applyAsDouble(group.getValue()), group.getKey());
            }
        }).register(registry);
    }
}
