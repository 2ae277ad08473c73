package io.tidemark.storage.pekko;

import org.apache.pekko.dispatch.Futures;
import scala.concurrent.Future;

/**
 * The plugins do their work synchronously on the calling thread; this turns that work into the
 * already-completed future Pekko expects, failed when the work threw.
 */
final class CompletedFutures {

    private CompletedFutures() {}

    static Future<Void> run(Runnable work) {
        try {
            work.run();
            return Futures.successful(null);
        } catch (RuntimeException e) {
            return Futures.failed(e);
        }
    }
}
