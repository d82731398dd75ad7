package io.callstream.topology.query.cluster;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.query.Cursor;
import io.callstream.topology.query.RecordFilter;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The wire format between instances ({@link InternalQueryRoutes} ↔ {@link StreamsRecordQueries}): JSON envelopes
 * carrying records in their Avro single-object encoding, so that a record crosses instances exactly.
 */
final class SliceCodec {

    private static final AvroSerde<CallRecord> RECORDS = CallstreamSerdes.callRecord();

    private SliceCodec() {
    }

    static JsonObject encode(LocalRecordQueries.Slice slice) {
        JsonArray records = new JsonArray();
        slice.records().forEach(r -> records.add(Base64.getEncoder().encodeToString(RECORDS.encode(r))));
        return new JsonObject().put("total", slice.total()).put("records", records);
    }

    static LocalRecordQueries.Slice decodeSlice(JsonObject json) {
        List<CallRecord> records = new ArrayList<>();
        json.getJsonArray("records").forEach(r -> records.add(RECORDS.decode(Base64.getDecoder().decode((String) r))));
        return new LocalRecordQueries.Slice(json.getLong("total"), records);
    }

    static JsonObject encode(LocalRecordQueries.IndexSlice slice) {
        return new JsonObject().put("total", slice.total()).put("entries", encodeEntries(slice.entries()));
    }

    static LocalRecordQueries.IndexSlice decodeIndexSlice(JsonObject json) {
        return new LocalRecordQueries.IndexSlice(json.getLong("total"), decodeEntries(json.getJsonArray("entries")));
    }

    /** Positions as {@code [[startCallTs, callId], ...]}. */
    static JsonArray encodeEntries(List<Cursor> entries) {
        JsonArray array = new JsonArray();
        entries.forEach(e -> array.add(new JsonArray().add(e.startCallTs()).add(e.callId())));
        return array;
    }

    static List<Cursor> decodeEntries(JsonArray array) {
        List<Cursor> entries = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonArray e = array.getJsonArray(i);
            entries.add(new Cursor(e.getLong(0), e.getString(1)));
        }
        return entries;
    }

    static JsonObject encodeRecords(List<CallRecord> records) {
        JsonArray array = new JsonArray();
        records.forEach(r -> array.add(Base64.getEncoder().encodeToString(RECORDS.encode(r))));
        return new JsonObject().put("records", array);
    }

    static List<CallRecord> decodeRecords(JsonObject json) {
        List<CallRecord> records = new ArrayList<>();
        json.getJsonArray("records").forEach(r -> records.add(RECORDS.decode(Base64.getDecoder().decode((String) r))));
        return records;
    }

    static byte[] encode(CallRecord record) {
        return RECORDS.encode(record);
    }

    static CallRecord decodeRecord(byte[] bytes) {
        return RECORDS.decode(bytes);
    }

    static String encodePartitions(List<Integer> partitions) {
        return partitions.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static JsonObject encode(RecordFilter f, Cursor after, int take, List<Integer> partitions) {
        return new JsonObject().put("sdkAppId", f.sdkAppId()).put("fromTs", f.fromTs()).put("toTs", f.toTs())
                .put("callType", f.callType()).put("results", new JsonArray(f.results().stream().map(Enum::name).toList()))
                .put("mediaType", f.mediaType()).put("userId", f.userId()).put("callId", f.callId())
                .put("descending", f.descending()).put("after", after == null ? null : after.encode()).put("take", take)
                .put("partitions", encodePartitions(partitions));
    }

    static RecordFilter decodeFilter(JsonObject j) {
        Set<CallResult> results = j.getJsonArray("results").stream().map(o -> CallResult.valueOf((String) o))
                .collect(Collectors.toSet());
        return new RecordFilter(j.getLong("sdkAppId"), j.getLong("fromTs"), j.getLong("toTs"), j.getString("callType"),
                results, j.getString("mediaType"), j.getString("userId"), j.getString("callId"), j.getBoolean("descending"));
    }

    static Cursor decodeAfter(JsonObject j) {
        String after = j.getString("after");
        return after == null ? null : Cursor.decode(after);
    }
}
