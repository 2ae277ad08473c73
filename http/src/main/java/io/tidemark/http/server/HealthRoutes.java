package io.tidemark.http.server;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /health}: 200 once the node serves (the route is bound only after the engine started). */
public final class HealthRoutes extends AllDirectives {

    public Route route() {
        return path("health", () -> get(() -> complete(StatusCodes.OK,
                HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"status\":\"serving\"}"))));
    }
}
