package store

import (
	"encoding/json"
	"slices"

	"github.com/turnout-app/turnout/core"
)

// Check-in history, the attendance audit log and remembered aliases.
//
//	audit         eventID|registrantID|entryID → AuditEntry JSON (sequence: entry IDs)
//	checkin_runs  eventID|runID → CheckInRun JSON                (sequence: run IDs)
//	aliases       EmailKey(registrant email) → []string JSON     (other emails and names)

var _ core.AttendanceLog = (*tx)(nil)

// AddAudit appends an entry under its registrant.
func (t *tx) AddAudit(a core.AuditEntry) error {
	b, err := t.appendBucket(bucketAudit)
	if err != nil {
		return err
	}
	id, err := nextID(b)
	if err != nil {
		return err
	}
	return putJSON(b, append(childKey(a.EventID, a.RegistrantID), idKey(id)...), a)
}

// Audit calls fn for each entry of a registrant, oldest first.
func (t *tx) Audit(eventID, registrantID core.ID, fn func(core.AuditEntry) error) error {
	b, err := t.bucket(bucketAudit)
	if err != nil {
		return err
	}
	return scanPrefix(b, childKey(eventID, registrantID), func(k, v []byte) error {
		var a core.AuditEntry
		if err := decodeJSON(k, v, &a); err != nil {
			return err
		}
		return fn(a)
	})
}

// AddCheckInRun appends a run to its event's history and sets r.ID.
func (t *tx) AddCheckInRun(r *core.CheckInRun) error {
	if err := t.eventExists(r.EventID); err != nil {
		return err
	}
	b, err := t.appendBucket(bucketCheckInRuns)
	if err != nil {
		return err
	}
	if r.ID, err = nextID(b); err != nil {
		return err
	}
	return putJSON(b, childKey(r.EventID, r.ID), r)
}

// CheckInRuns calls fn for each run of an event, oldest first.
func (t *tx) CheckInRuns(eventID core.ID, fn func(core.CheckInRun) error) error {
	b, err := t.bucket(bucketCheckInRuns)
	if err != nil {
		return err
	}
	return scanPrefix(b, idKey(eventID), func(k, v []byte) error {
		var r core.CheckInRun
		if err := decodeJSON(k, v, &r); err != nil {
			return err
		}
		return fn(r)
	})
}

// Aliases returns every remembered alias by the registrant's email key.
func (t *tx) Aliases() (map[string][]string, error) {
	b, err := t.bucket(bucketAliases)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	err = b.ForEach(func(k, v []byte) error {
		var list []string
		if err := decodeJSON(k, v, &list); err != nil {
			return err
		}
		out[string(k)] = list
		return nil
	})
	return out, err
}

// AddAlias remembers alias for the person with this email; an alias
// already known (in any case) is not added twice.
func (t *tx) AddAlias(email, alias string) error {
	b, err := t.bucket(bucketAliases)
	if err != nil {
		return err
	}
	key := []byte(core.EmailKey(email))
	if len(key) == 0 || alias == "" {
		return core.Errorf(core.EINVALID, "An alias needs the registrant's email and the alias.")
	}
	var list []string
	if _, err := getJSON(b, key, &list); err != nil {
		return err
	}
	if slices.ContainsFunc(list, func(s string) bool { return core.EmailKey(s) == core.EmailKey(alias) }) {
		return nil
	}
	data, err := json.Marshal(append(list, alias))
	if err != nil {
		return err
	}
	return b.Put(key, data)
}
