package io.tidemark.engine.write;

/** Timestream's count of accepted records: total = memoryStore + magneticStore. */
public record RecordsIngested(int total, int memoryStore, int magneticStore) {

    public static RecordsIngested of(int memoryStore, int magneticStore) {
        return new RecordsIngested(memoryStore + magneticStore, memoryStore, magneticStore);
    }
}
