package io.qrpush.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** How the protocol reads and writes JSON: its limits, and numbers and characters kept as they came. */
final class Json {
    /** Deeper JSON than this is refused; no real message nests that far. */
    static final int MAX_NESTING = 100;

    /** For {@link RawJson}'s conversions, which have no codec at hand; configured as every codec's. */
    static final ObjectMapper MAPPER = newMapper();

    private Json() {
    }

    static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(64)
                        .build())
                .build();
        // Content is relayed, not computed with: floats are kept as exact decimals so 0.1000000000000000001
        // and 1e999 leave as they came, and characters beyond the BMP stay 4 UTF-8 bytes, not escaped surrogate pairs.
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
    }
}
