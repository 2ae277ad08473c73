package io.tidemark.http.wire.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.http.wire.Operation;
import io.tidemark.http.wire.OperationGroup;
import io.tidemark.http.wire.WireJson;
import io.tidemark.http.wire.WireRequest;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The service-level operations: DescribeEndpoints (Timestream's endpoint discovery) and
 * DescribeAccountSettings.
 *
 * <p>DescribeEndpoints answers an Address that leads back to this server as the client reached
 * it (its {@code Host} header), or the configured advertised address. botocore prefixes a bare
 * address with {@code https://} and honours an explicit scheme, so the default advertises
 * {@code http://host:port} for this plain-HTTP listener; the Java SDK only discovers when no
 * endpoint override is set, in which case an advertised address without scheme suits it.
 */
public final class AccountOperations implements OperationGroup {

    /** Timestream's own value: clients cache the address for a day. */
    static final long CACHE_PERIOD_MINUTES = 1440;

    private final String advertisedAddress;

    /**
     * @param advertisedAddress the Address to answer; empty to derive {@code http://<Host>} from each request
     */
    public AccountOperations(String advertisedAddress) {
        this.advertisedAddress = advertisedAddress;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of(
                "DescribeEndpoints", this::describeEndpoints,
                "DescribeAccountSettings", this::describeAccountSettings);
    }

    private CompletionStage<ObjectNode> describeEndpoints(WireRequest request) {
        String address = advertisedAddress.isEmpty() ? "http://" + request.authority() : advertisedAddress;
        ObjectNode out = WireJson.object();
        ObjectNode endpoint = out.putArray("Endpoints").addObject();
        endpoint.put("Address", address);
        endpoint.put("CachePeriodInMinutes", CACHE_PERIOD_MINUTES);
        return WireJson.done(out);
    }

    /** A self-hosted node has no query pricing: it reports on-demand compute, billed by bytes scanned. */
    private CompletionStage<ObjectNode> describeAccountSettings(WireRequest request) {
        ObjectNode out = WireJson.object();
        out.put("QueryPricingModel", "BYTES_SCANNED");
        out.putObject("QueryCompute").put("ComputeMode", "ON_DEMAND");
        return WireJson.done(out);
    }
}
