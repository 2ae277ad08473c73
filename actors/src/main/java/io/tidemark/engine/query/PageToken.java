package io.tidemark.engine.query;

import io.tidemark.engine.EngineException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A Query NextToken: which stored result, which page of it and the row it starts at, and a hash
 * of the query string the result belongs to (a token is valid only with the same query string).
 * Opaque to clients: URL-safe Base64 of {@code 1|queryId|page|startRow|hash}.
 */
record PageToken(String queryId, int page, int startRow, String queryHash) {

    private static final String VERSION = "1";

    String encode() {
        String text = String.join("|", VERSION, queryId, Integer.toString(page), Integer.toString(startRow), queryHash);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The token a client sent with {@code queryString}.
     *
     * @throws EngineException VALIDATION "Invalid pagination token" if it is not one of ours or
     *     belongs to another query string
     */
    static PageToken decode(String token, String queryString) {
        PageToken decoded;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 5 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            decoded = new PageToken(parts[1], Integer.parseInt(parts[2]), Integer.parseInt(parts[3]), parts[4]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (decoded.page < 1 || decoded.startRow < 0 || !decoded.queryHash.equals(hash(queryString))) {
            throw invalid();
        }
        return decoded;
    }

    static EngineException invalid() {
        return EngineException.validation("Invalid pagination token");
    }

    /** The first 16 bytes of the query string's SHA-256, in hex. */
    static String hash(String queryString) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(queryString.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
