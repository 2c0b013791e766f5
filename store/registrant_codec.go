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
// Measured side by side (BenchmarkRegistrantCodec100k, 2 shared cores,
// CPU time per 100,000 registrants): decoding goccy 145 ms, the
// hand-written scanner it replaced 110 ms, encoding/json 500 ms, all
// three with about 98 MB and 840,000 allocations (124 MB and 1,440,000
// for encoding/json); encoding goccy 215 ms, the hand-written appender
// 120 ms, encoding/json 250 ms. The registrants screen of 100,000 stays
// within its targets: BenchmarkOpenRegistrants100k in ui 320-400 ms
// (hand-written 300-580 ms), 255-262 MB heap either way; the app under
// scripts/measure-100k.sh 550-835 ms (hand-written 410-750 ms), RSS peak
// 287-290 MB (284-288 MB), all on a loaded machine. An import of 100,000
// costs about 10% more CPU in the store (BenchmarkPutRegistrants100k) and
// no measurable time in the engine's (BenchmarkImport100k, 0.66-0.78 s).

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
