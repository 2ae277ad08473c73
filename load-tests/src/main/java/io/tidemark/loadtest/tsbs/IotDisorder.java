package io.tidemark.loadtest.tsbs;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * TSBS's iot simulator ({@code pkg/data/usecases/iot/simulator.go}, {@code batch_config.go})
 * over an orderly row stream: rows go out in batches of {@value #BATCH}, and for each batch it
 * draws whether the whole batch goes missing (1 %), is held back to be sent later out of order
 * (5 %; a held batch is sent instead of a new one with 50 % chance), and per entry whether it
 * goes missing (10 %), is held back (30 %; a held entry replaces a new one with 50 % chance),
 * loses one field (10 %) or one tag (1 %). Held rows are sent once the orderly stream ends.
 *
 * <p>Rows held back live in a small pool of reused points, so memory stays bounded by what is held.
 */
final class IotDisorder implements UseCaseGenerator {

    static final int BATCH = 10;
    static final double BATCH_MISSING = 0.01;
    static final double BATCH_OUT_OF_ORDER = 0.05;
    static final double BATCH_INSERT_PREVIOUS = 0.5;
    static final double ENTRY_MISSING = 0.1;
    static final double ENTRY_OUT_OF_ORDER = 0.3;
    static final double ENTRY_INSERT_PREVIOUS = 0.5;
    static final double ZERO_TAG = 0.01;
    static final double ZERO_FIELD = 0.1;
    /** Separates the disorder draws from the other uses of the seed. */
    private static final long DISORDER_SALT = 3;

    private final UseCaseGenerator orderly;
    private final Draws draws;
    private final int maxFieldCount;
    private final int tagCount;
    private final ArrayDeque<Point> pool = new ArrayDeque<>();
    private final ArrayDeque<Point> current = new ArrayDeque<>();
    private final ArrayDeque<ArrayDeque<Point>> heldBatches = new ArrayDeque<>();
    private final ArrayDeque<Point> heldEntries = new ArrayDeque<>();
    /** The orderly stream's next row, {@code null} once it ended. */
    private Point ahead;
    private final BatchPlan plan = new BatchPlan();

    IotDisorder(UseCaseGenerator orderly, long seed) {
        this.orderly = orderly;
        this.draws = new Draws(seed, DISORDER_SALT, 0);
        int fields = 0;
        int tags = 0;
        for (MeasurementSchema m : orderly.measurements()) {
            fields = Math.max(fields, m.fieldCount());
            tags = Math.max(tags, m.tagCount());
        }
        this.maxFieldCount = fields;
        this.tagCount = tags;
        this.ahead = fetch();
    }

    @Override
    public List<MeasurementSchema> measurements() {
        return orderly.measurements();
    }

    @Override
    public boolean next(Point point) {
        if (current.isEmpty() && !nextBatch()) {
            return false;
        }
        Point p = current.poll();
        point.copyFrom(p);
        pool.add(p);
        return true;
    }

    private Point fetch() {
        Point p = pool.isEmpty() ? orderly.newPoint() : pool.poll();
        if (orderly.next(p)) {
            return p;
        }
        pool.add(p);
        return null;
    }

    /** The orderly stream's next row, or {@code null} at its end. */
    private Point takeOrderly() {
        Point p = ahead;
        if (p != null) {
            ahead = fetch();
        }
        return p;
    }

    /** Fills {@link #current}; {@code false} when nothing is left. */
    private boolean nextBatch() {
        while (true) {
            if (ahead == null) {
                return sendHeld();
            }
            plan.draw(heldBatches.size(), heldEntries.size());
            if (plan.insertPrevious) {
                current.addAll(heldBatches.poll());
                return true;
            }
            if (plan.missing) {
                for (int i = 0; i < BATCH && ahead != null; i++) {
                    pool.add(takeOrderly());
                }
                continue;
            }
            ArrayDeque<Point> batch = new ArrayDeque<>(BATCH);
            fillBatch(batch);
            if (plan.outOfOrder) {
                if (!batch.isEmpty()) {
                    heldBatches.add(batch);
                }
                continue;
            }
            if (!batch.isEmpty()) {
                current.addAll(batch);
                return true;
            }
        }
    }

    private boolean sendHeld() {
        if (!heldBatches.isEmpty()) {
            current.addAll(heldBatches.poll());
            return true;
        }
        for (int i = 0; i < BATCH && !heldEntries.isEmpty(); i++) {
            current.add(heldEntries.poll());
        }
        return !current.isEmpty();
    }

    private void fillBatch(ArrayDeque<Point> batch) {
        int offset = 0;
        for (int i = 0; i < BATCH && ahead != null; i++) {
            Point entry = null;
            while (entry == null) {
                int slot = i + offset;
                Point candidate = slot < BATCH && plan.insertPreviousEntry[slot] && !heldEntries.isEmpty()
                        ? heldEntries.poll() : takeOrderly();
                if (candidate == null) {
                    return;
                }
                if (slot < BATCH && plan.missingEntry[slot]) {
                    pool.add(candidate);
                    offset++;
                } else if (slot < BATCH && plan.outOfOrderEntry[slot]) {
                    heldEntries.add(candidate);
                    offset++;
                } else {
                    entry = candidate;
                }
            }
            if (plan.zeroField[i] >= 0) {
                entry.clearValue(plan.zeroField[i] % entry.measurement().fieldCount());
            }
            if (plan.zeroTag[i] >= 0) {
                entry.setTag(plan.zeroTag[i], null);
            }
            batch.add(entry);
        }
    }

    /** One batch's draws, in TSBS's order; reused from batch to batch. */
    private final class BatchPlan {
        boolean missing;
        boolean outOfOrder;
        boolean insertPrevious;
        final boolean[] insertPreviousEntry = new boolean[BATCH];
        final boolean[] missingEntry = new boolean[BATCH];
        final boolean[] outOfOrderEntry = new boolean[BATCH];
        final int[] zeroField = new int[BATCH];
        final int[] zeroTag = new int[BATCH];

        void draw(int heldBatchCount, int heldEntryCount) {
            Arrays.fill(insertPreviousEntry, false);
            Arrays.fill(missingEntry, false);
            Arrays.fill(outOfOrderEntry, false);
            Arrays.fill(zeroField, -1);
            Arrays.fill(zeroTag, -1);
            outOfOrder = false;
            insertPrevious = false;
            missing = draws.uniform() < BATCH_MISSING;
            if (missing) {
                return;
            }
            outOfOrder = draws.uniform() < BATCH_OUT_OF_ORDER;
            insertPrevious = heldBatchCount > 0 && draws.uniform() < BATCH_INSERT_PREVIOUS;
            int held = heldEntryCount;
            for (int i = 0; i < BATCH; i++) {
                if (held > 0 && draws.uniform() < ENTRY_INSERT_PREVIOUS) {
                    insertPreviousEntry[i] = true;
                    held--;
                }
                if (draws.uniform() < ENTRY_MISSING) {
                    missingEntry[i] = true;
                    continue;
                }
                if (draws.uniform() < ZERO_FIELD) {
                    zeroField[i] = draws.nextInt(maxFieldCount);
                }
                if (draws.uniform() < ZERO_TAG) {
                    zeroTag[i] = draws.nextInt(tagCount);
                }
                outOfOrderEntry[i] = draws.uniform() < ENTRY_OUT_OF_ORDER;
            }
        }
    }
}
