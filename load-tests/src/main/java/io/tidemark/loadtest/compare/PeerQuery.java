package io.tidemark.loadtest.compare;

import java.util.Map;

/**
 * One query as a system receives it: its text as shown in reports, and the HTTP parameters of
 * the request that runs it (the text among them; a range query's start, end and step).
 */
public record PeerQuery(String text, Map<String, String> parameters) {

    public PeerQuery {
        parameters = Map.copyOf(parameters);
    }
}
