package store

import (
	gojson "github.com/goccy/go-json"

	"github.com/turnout-app/turnout/core"
)

// Registrants are the one record read and written by the hundred thousand:
// the registrants screen decodes every registrant of an event, an import
// encodes every row. They go through github.com/goccy/go-json, which reads
// and writes the same bytes as encoding/json (omitempty, omitzero, HTML
// escapes, time formats: TestDecodeRegistrantMatchesEncodingJSON and
// TestEncodeRegistrantMatchesMarshal hold it to that) from the struct tags
// of core.Registrant, so a new field needs nothing here.
//
// Measured side by side with encoding/json and with the hand-written
// scanner it replaced (BenchmarkRegistrantCodec100k): decoding 100,000
// stored registrants costs less CPU than the scanner did and about a third
// of encoding/json's, with the same memory and allocations; encoding costs
// less than encoding/json, more than the hand-written appender.
//
// Strings are copied out of the input (goccy's default; NoCopyString must
// never be used here), so a decoded registrant outlives the transaction
// whose memory-mapped pages it was read from.

// decodeRegistrant decodes a stored registrant into r, which must be the
// zero value.
func decodeRegistrant(data []byte, r *core.Registrant) error {
	return gojson.Unmarshal(data, r)
}

// encodeRegistrant returns r as json.Marshal writes it, byte for byte.
func encodeRegistrant(r *core.Registrant) ([]byte, error) {
	return gojson.Marshal(r)
}
