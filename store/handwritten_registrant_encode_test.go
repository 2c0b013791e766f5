package store

// The hand-written registrant codec that store/registrant_codec.go
// replaced, kept unchanged (but for its entry points' names) so that
// BenchmarkRegistrantCodec100k measures it beside the codec in use. Not
// used by the store; when core.Registrant changes it falls back to
// encoding/json and the benchmark skips it.

import (
	"encoding/json"
	"reflect"

	"github.com/turnout-app/turnout/core"
)

// handwrittenEncodeRegistrant returns r as json.Marshal writes it, byte for byte.
//
// Marshal spends most of an import's encoding time in reflection and in
// re-checking the output of time.Time's MarshalJSON; appending the fields
// directly takes a fraction of that. The fields are listed by hand, so
// the fast path runs only while core.Registrant still has exactly the
// fields and tags it was written for (registrantShapeKnown); otherwise, or
// for a string Marshal would escape, the record goes through Marshal. A
// new field therefore costs speed, never data.
func handwrittenEncodeRegistrant(r *core.Registrant) ([]byte, error) {
	if registrantShapeKnown {
		a := jsonAppender{buf: make([]byte, 0, 400)}
		appendRegistrant(&a, r)
		if !a.failed {
			return a.buf, nil
		}
	}
	return json.Marshal(r)
}

func appendRegistrant(a *jsonAppender, r *core.Registrant) {
	a.openObject()
	a.key("id")
	a.uint64(uint64(r.ID))
	a.key("event_id")
	a.uint64(uint64(r.EventID))
	a.stringFieldOmitEmpty("first_name", r.FirstName)
	a.stringFieldOmitEmpty("last_name", r.LastName)
	a.stringField("email", r.Email)
	a.stringFieldOmitEmpty("external_id", r.ExternalID)
	a.stringFieldOmitEmpty("source", r.Source)
	a.stringField("status", string(r.Status))
	a.timeField("registered_at", r.RegisteredAt)
	a.timeFieldOmitZero("cancelled_at", r.CancelledAt)
	a.timeField("updated_at", r.UpdatedAt)
	// omitzero on a struct without an IsZero method means "all fields
	// zero", which is what == compares.
	if r.Sync != (core.ProviderSync{}) {
		a.key("sync")
		a.openObject()
		a.stringFieldOmitEmpty("state", string(r.Sync.State))
		a.stringFieldOmitEmpty("registrant_id", r.Sync.RegistrantID)
		a.stringFieldOmitEmpty("join_url", r.Sync.JoinURL)
		a.stringFieldOmitEmpty("last_error", r.Sync.LastError)
		a.timeFieldOmitZero("updated_at", r.Sync.UpdatedAt)
		a.closeObject()
	}
	if r.Reminder != (core.ReminderState{}) {
		a.key("reminder")
		a.openObject()
		a.stringFieldOmitEmpty("status", string(r.Reminder.Status))
		a.timeFieldOmitZero("sent_at", r.Reminder.SentAt)
		a.stringFieldOmitEmpty("error", r.Reminder.Error)
		a.closeObject()
	}
	a.intFieldOmitEmpty("clicks", r.Clicks)
	a.timeFieldOmitZero("first_click_at", r.FirstClickAt)
	if c := r.CheckIn; c != nil {
		a.key("check_in")
		a.openObject()
		a.stringField("source", string(c.Source))
		a.timeField("at", c.At)
		a.intFieldOmitEmpty("minutes", c.Minutes)
		a.timeFieldOmitZero("first_join", c.FirstJoin)
		a.timeFieldOmitZero("last_leave", c.LastLeave)
		a.closeObject()
	}
	if len(r.Aliases) > 0 {
		a.key("aliases")
		a.buf = append(a.buf, '[')
		for i, s := range r.Aliases {
			if i > 0 {
				a.buf = append(a.buf, ',')
			}
			a.string(s)
		}
		a.buf = append(a.buf, ']')
	}
	a.closeObject()
}

// registrantShape is every field appendRegistrant writes, as Go name, type
// and json tag, in declaration order.
var registrantShape = map[reflect.Type][]string{
	reflect.TypeFor[core.Registrant](): {
		"ID core.ID id", "EventID core.ID event_id", "FirstName string first_name,omitempty",
		"LastName string last_name,omitempty", "Email string email", "ExternalID string external_id,omitempty",
		"Source string source,omitempty", "Status core.RegistrantStatus status",
		"RegisteredAt time.Time registered_at", "CancelledAt time.Time cancelled_at,omitzero",
		"UpdatedAt time.Time updated_at", "Sync core.ProviderSync sync,omitzero",
		"Reminder core.ReminderState reminder,omitzero", "Clicks int clicks,omitempty",
		"FirstClickAt time.Time first_click_at,omitzero", "CheckIn *core.CheckIn check_in,omitempty",
		"Aliases []string aliases,omitempty",
	},
	reflect.TypeFor[core.ProviderSync](): {
		"State core.SyncState state,omitempty", "RegistrantID string registrant_id,omitempty",
		"JoinURL string join_url,omitempty", "LastError string last_error,omitempty",
		"UpdatedAt time.Time updated_at,omitzero",
	},
	reflect.TypeFor[core.ReminderState](): {
		"Status core.ReminderStatus status,omitempty", "SentAt time.Time sent_at,omitzero",
		"Error string error,omitempty",
	},
	reflect.TypeFor[core.CheckIn](): {
		"Source core.CheckInSource source", "At time.Time at", "Minutes int minutes,omitempty",
		"FirstJoin time.Time first_join,omitzero", "LastLeave time.Time last_leave,omitzero",
	},
}

// registrantShapeKnown is false once the core types differ from
// registrantShape; BenchmarkRegistrantCodec100k then skips it.
var registrantShapeKnown = func() bool {
	for t, want := range registrantShape {
		if t.NumField() != len(want) {
			return false
		}
		for i, w := range want {
			f := t.Field(i)
			if f.Name+" "+f.Type.String()+" "+f.Tag.Get("json") != w {
				return false
			}
		}
	}
	return true
}()
