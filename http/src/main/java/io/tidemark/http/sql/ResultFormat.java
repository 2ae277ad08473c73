package io.tidemark.http.sql;

import io.tidemark.sql.analyzer.OutputColumn;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.MediaRange;
import org.apache.pekko.http.javadsl.model.MediaType;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.Accept;

/** The result formats of {@code POST /sql}, chosen by the request's {@code Accept} header. */
enum ResultFormat {

    JSON(MediaTypes.APPLICATION_JSON, ContentTypes.APPLICATION_JSON, JsonResultRenderer::new),
    CSV(MediaTypes.TEXT_CSV, MediaTypes.TEXT_CSV.toContentType(HttpCharsets.UTF_8), CsvResultRenderer::new);

    /** What {@code Accept} lists, for the error a request accepting neither gets. */
    static final String SUPPORTED = "application/json, text/csv";

    private final MediaType mediaType;
    private final ContentType contentType;
    private final BiFunction<String, List<OutputColumn>, ResultRenderer> renderer;

    ResultFormat(MediaType mediaType, ContentType contentType,
            BiFunction<String, List<OutputColumn>, ResultRenderer> renderer) {
        this.mediaType = mediaType;
        this.contentType = contentType;
        this.renderer = renderer;
    }

    ContentType contentType() {
        return contentType;
    }

    /** A renderer of the result of query {@code queryId}, whose columns are {@code columns}. */
    ResultRenderer renderer(String queryId, List<OutputColumn> columns) {
        return renderer.apply(queryId, columns);
    }

    /**
     * The format of the highest-quality media range in {@code Accept} that names one (JSON when
     * ranges tie, e.g. for {@code *}{@code /*}); JSON without the header; empty when no range
     * accepts either.
     */
    static Optional<ResultFormat> negotiate(HttpRequest request) {
        Optional<Accept> accept = request.getHeader(Accept.class);
        if (accept.isEmpty()) {
            return Optional.of(JSON);
        }
        ResultFormat best = null;
        float bestQuality = 0;
        for (MediaRange range : accept.get().getMediaRanges()) {
            for (ResultFormat format : values()) {
                if (range.qValue() > bestQuality && range.matches(format.mediaType)) {
                    best = format;
                    bestQuality = range.qValue();
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
