package store

import (
	"encoding/json"
	"fmt"

	"github.com/turnout-app/turnout/core"
)

// Clicks on tracked links, and the named settings beyond the office.
//
//	clicks    eventID|registrantID|clickID → Click JSON (sequence: click IDs)
//	settings  setting key → value bytes (beside "office")

var (
	_ core.ClickLog = (*tx)(nil)
	_ core.Settings = (*tx)(nil)
)

// AddClick appends a click under its registrant.
func (t *tx) AddClick(c core.Click) error {
	b, err := t.appendBucket(bucketClicks)
	if err != nil {
		return err
	}
	id, err := nextID(b)
	if err != nil {
		return err
	}
	k := childKey(c.EventID, c.RegistrantID)
	k = append(k, idKey(id)...)
	return putJSON(b, k, c)
}

// Clicks calls fn for each click of an event.
func (t *tx) Clicks(eventID core.ID, fn func(core.Click) error) error {
	b, err := t.bucket(bucketClicks)
	if err != nil {
		return err
	}
	return scanPrefix(b, idKey(eventID), func(k, v []byte) error {
		var c core.Click
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("store: decode click %x: %w", k, err)
		}
		return fn(c)
	})
}

// Setting returns a copy of a setting's value, nil when it was never set.
func (t *tx) Setting(key string) ([]byte, error) {
	if err := checkSettingKey(key); err != nil {
		return nil, err
	}
	b, err := t.bucket(bucketSettings)
	if err != nil {
		return nil, err
	}
	v := b.Get([]byte(key))
	if v == nil {
		return nil, nil
	}
	return append([]byte{}, v...), nil
}

// PutSetting stores a setting; a nil value deletes it.
func (t *tx) PutSetting(key string, value []byte) error {
	if err := checkSettingKey(key); err != nil {
		return err
	}
	b, err := t.bucket(bucketSettings)
	if err != nil {
		return err
	}
	if value == nil {
		return b.Delete([]byte(key))
	}
	return b.Put([]byte(key), append([]byte{}, value...))
}

func checkSettingKey(key string) error {
	if key == "" || key == string(keyOffice) {
		return fmt.Errorf("store: setting key %q is reserved", key)
	}
	return nil
}
