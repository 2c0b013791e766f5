package store

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// registrantCodec is one way to turn a registrant into its stored bytes
// and back.
type registrantCodec struct {
	name   string
	decode func([]byte, *core.Registrant) error
	encode func(*core.Registrant) ([]byte, error)
}

// registrantCodecs are measured side by side in one run: the codec in use,
// the hand-written scanner and appender it replaced (kept in the
// handwritten_*_test.go files for this comparison only), and plain
// encoding/json.
var registrantCodecs = []registrantCodec{
	{"goccy", decodeRegistrant, encodeRegistrant},
	{"handwritten", handwrittenDecodeRegistrant, handwrittenEncodeRegistrant},
	{"encoding_json", func(d []byte, r *core.Registrant) error { return json.Unmarshal(d, r) },
		func(r *core.Registrant) ([]byte, error) { return json.Marshal(r) }},
}

// variedRegistrant is benchRegistrant with the other shapes the screen
// shows: pushed syncs with reminders, check-ins, cancellations, clicks and
// aliases.
func variedRegistrant(eventID core.ID, i int) core.Registrant {
	r := benchRegistrant(eventID, i)
	r.ID = core.ID(i + 1)
	switch i % 5 {
	case 1:
		r.Sync = core.ProviderSync{State: core.SyncPushed, RegistrantID: fmt.Sprintf("zr%09d", i),
			JoinURL: "https://zoom.example/w/81234567890?tk=abcdefghijklmnop", UpdatedAt: start}
		r.Reminder = core.ReminderState{Status: core.ReminderSent, SentAt: start.Add(-time.Hour)}
	case 2:
		r.CheckIn = &core.CheckIn{Source: core.SourceProvider, At: start, Minutes: 45, FirstJoin: start,
			LastLeave: start.Add(45 * time.Minute)}
	case 3:
		r.Status = core.StatusCancelled
		r.CancelledAt = start
	case 4:
		r.Aliases = []string{"alex@home.example"}
		r.Clicks = 2
		r.FirstClickAt = start
	}
	return r
}

// BenchmarkRegistrantCodec100k decodes 100,000 stored registrants into a
// list, as the registrants screen loads them, and encodes 100,000, as an
// import stores them. Besides time and memory it reports the CPU time the
// process used (cpu-ms/100k), which a machine shared with other work
// disturbs far less than wall time.
func BenchmarkRegistrantCodec100k(b *testing.B) {
	rs := make([]core.Registrant, benchRegistrants)
	stored := make([][]byte, benchRegistrants)
	for i := range rs {
		rs[i] = variedRegistrant(1, i)
		var err error
		if stored[i], err = json.Marshal(rs[i]); err != nil {
			b.Fatal(err)
		}
	}
	for _, c := range registrantCodecs {
		b.Run("decode/"+c.name, func(b *testing.B) {
			if c.name == "handwritten" && !registrantShapeKnown {
				b.Skip("core.Registrant has changed since the hand-written codec; it would measure encoding/json")
			}
			measure100k(b, func() {
				out := make([]core.Registrant, 0, len(stored))
				for _, v := range stored {
					var r core.Registrant
					if err := c.decode(v, &r); err != nil {
						b.Fatal(err)
					}
					out = append(out, r)
				}
			})
		})
	}
	for _, c := range registrantCodecs {
		b.Run("encode/"+c.name, func(b *testing.B) {
			if c.name == "handwritten" && !registrantShapeKnown {
				b.Skip("core.Registrant has changed since the hand-written codec; it would measure encoding/json")
			}
			measure100k(b, func() {
				for i := range rs {
					if _, err := c.encode(&rs[i]); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// measure100k runs fn, which handles 100,000 registrants, b.N times.
func measure100k(b *testing.B, fn func()) {
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		fn()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/100k")
	if cpu >= 0 {
		b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/100k")
	}
}
