package store

// The hand-written registrant codec that store/registrant_codec.go
// replaced, kept unchanged (but for its entry points' names) so that
// BenchmarkRegistrantCodec100k measures it beside the codec in use. Not
// used by the store; when core.Registrant changes it falls back to
// encoding/json and the benchmark skips it.

import (
	"encoding/json"

	"github.com/turnout-app/turnout/core"
)

// handwrittenDecodeRegistrant decodes a stored registrant into r, which must be the
// zero value.
//
// encoding/json needs 7–9 µs for one registrant on a 2-core test machine,
// most of a second for a report over 100,000; the scanner below reads what
// Marshal wrote in about 1.6 µs (BenchmarkRegistrantCodec100k). Anything it
// does not expect (an escaped string, an unknown key) sends the record
// through encoding/json, and so does every record once core's types no
// longer match registrantShape: the scanner is never wrong, only sometimes
// not used.
func handwrittenDecodeRegistrant(data []byte, r *core.Registrant) error {
	if registrantShapeKnown {
		s := jsonScanner{data: data}
		scanRegistrant(&s, r)
		s.end()
		if !s.failed {
			return nil
		}
		*r = core.Registrant{}
	}
	return json.Unmarshal(data, r)
}

func scanRegistrant(s *jsonScanner, r *core.Registrant) {
	s.expect('{')
	for first := true; ; first = false {
		key, ok := s.nextField(first)
		if !ok {
			return
		}
		switch string(key) {
		case "id":
			r.ID = core.ID(s.uint64())
		case "event_id":
			r.EventID = core.ID(s.uint64())
		case "first_name":
			r.FirstName = s.string()
		case "last_name":
			r.LastName = s.string()
		case "email":
			r.Email = s.string()
		case "external_id":
			r.ExternalID = s.string()
		case "source":
			r.Source = s.string()
		case "status":
			r.Status = core.RegistrantStatus(s.string())
		case "registered_at":
			r.RegisteredAt = s.time()
		case "cancelled_at":
			r.CancelledAt = s.time()
		case "updated_at":
			r.UpdatedAt = s.time()
		case "sync":
			scanProviderSync(s, &r.Sync)
		case "reminder":
			scanReminderState(s, &r.Reminder)
		case "clicks":
			r.Clicks = s.int()
		case "first_click_at":
			r.FirstClickAt = s.time()
		case "check_in":
			if r.CheckIn == nil { // a repeated key merges, as in encoding/json
				r.CheckIn = new(core.CheckIn)
			}
			scanCheckIn(s, r.CheckIn)
		case "aliases":
			r.Aliases = scanStrings(s)
		default:
			s.fail()
		}
	}
}

func scanProviderSync(s *jsonScanner, p *core.ProviderSync) {
	s.expect('{')
	for first := true; ; first = false {
		key, ok := s.nextField(first)
		if !ok {
			return
		}
		switch string(key) {
		case "state":
			p.State = core.SyncState(s.string())
		case "registrant_id":
			p.RegistrantID = s.string()
		case "join_url":
			p.JoinURL = s.string()
		case "last_error":
			p.LastError = s.string()
		case "updated_at":
			p.UpdatedAt = s.time()
		default:
			s.fail()
		}
	}
}

func scanReminderState(s *jsonScanner, m *core.ReminderState) {
	s.expect('{')
	for first := true; ; first = false {
		key, ok := s.nextField(first)
		if !ok {
			return
		}
		switch string(key) {
		case "status":
			m.Status = core.ReminderStatus(s.string())
		case "sent_at":
			m.SentAt = s.time()
		case "error":
			m.Error = s.string()
		default:
			s.fail()
		}
	}
}

func scanCheckIn(s *jsonScanner, c *core.CheckIn) {
	s.expect('{')
	for first := true; ; first = false {
		key, ok := s.nextField(first)
		if !ok {
			return
		}
		switch string(key) {
		case "source":
			c.Source = core.CheckInSource(s.string())
		case "at":
			c.At = s.time()
		case "minutes":
			c.Minutes = s.int()
		case "first_join":
			c.FirstJoin = s.time()
		case "last_leave":
			c.LastLeave = s.time()
		default:
			s.fail()
		}
	}
}

// scanStrings reads an array of strings; like encoding/json it gives an
// empty, non-nil slice for [].
func scanStrings(s *jsonScanner) []string {
	s.expect('[')
	out := []string{}
	s.skipSpace()
	if s.i < len(s.data) && s.data[s.i] == ']' {
		s.i++
		return out
	}
	for !s.failed {
		out = append(out, s.string())
		s.skipSpace()
		if s.i < len(s.data) && s.data[s.i] == ']' {
			s.i++
			return out
		}
		s.expect(',')
	}
	return nil
}
