package io.tidemark.http.wire.tag;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.catalog.CatalogService;
import io.tidemark.engine.catalog.Tag;
import io.tidemark.http.wire.Members;
import io.tidemark.http.wire.Operation;
import io.tidemark.http.wire.OperationGroup;
import io.tidemark.http.wire.WireJson;
import io.tidemark.http.wire.WireRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** TagResource, UntagResource and ListTagsForResource on database and table ARNs. */
public final class TagOperations implements OperationGroup {

    private final CatalogService catalog;

    public TagOperations(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of(
                "TagResource", this::tag,
                "UntagResource", this::untag,
                "ListTagsForResource", this::list);
    }

    /** The {@code Tags} member of a request (list of {@code {Key, Value}}); null when absent. */
    public static List<Tag> tags(Members m) {
        return m.objects("Tags", t -> new Tag(t.requiredString("Key"), t.requiredString("Value")));
    }

    private CompletionStage<ObjectNode> tag(WireRequest request) {
        Members m = request.members();
        List<Tag> tags = tags(m);
        if (tags == null) {
            throw m.missing("Tags");
        }
        return catalog.tagResource(m.requiredString("ResourceARN"), tags).thenApply(done -> WireJson.object());
    }

    private CompletionStage<ObjectNode> untag(WireRequest request) {
        Members m = request.members();
        List<String> keys = m.strings("TagKeys");
        if (keys == null) {
            throw m.missing("TagKeys");
        }
        return catalog.untagResource(m.requiredString("ResourceARN"), keys).thenApply(done -> WireJson.object());
    }

    private CompletionStage<ObjectNode> list(WireRequest request) {
        return catalog.listTags(request.members().requiredString("ResourceARN")).thenApply(tags -> {
            ObjectNode out = WireJson.object();
            ArrayNode items = out.putArray("Tags");
            for (Tag t : tags) {
                items.addObject().put("Key", t.key()).put("Value", t.value());
            }
            return out;
        });
    }
}
