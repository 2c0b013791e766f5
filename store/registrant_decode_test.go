package store

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// populate sets every field reachable from v to a non-zero value, so that
// a field added to a core type shows up in the tests below.
func populate(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("value %d", *n))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		populate(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range v.Len() {
			populate(v.Index(i), n)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			zone := time.FixedZone("", 2*3600)
			v.Set(reflect.ValueOf(time.Date(2026, 3, 10, 9, *n, 7, 123456789, zone)))
			return
		}
		for i := range v.NumField() {
			populate(v.Field(i), n)
		}
	default:
		panic(fmt.Sprintf("populate: add a case for %s", v.Type()))
	}
}

// sameAsEncodingJSON fails unless decodeRegistrant agrees with
// json.Unmarshal on data: the same error-or-not and the same registrant.
func sameAsEncodingJSON(t *testing.T, data []byte) {
	t.Helper()
	var got, want core.Registrant
	errGot := decodeRegistrant(data, &got)
	errWant := json.Unmarshal(data, &want)
	if (errGot == nil) != (errWant == nil) {
		t.Fatalf("%q: decodeRegistrant error %v, encoding/json error %v", data, errGot, errWant)
	}
	if errWant == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: decodeRegistrant\n%+v\nencoding/json\n%+v", data, got, want)
	}
}

var registrantJSONCases = []struct{ name, json string }{
	{"as stored", `{"id":7,"event_id":2,"first_name":"Ann","email":"ann@example.org","status":"registered","registered_at":"2026-03-10T11:34:15Z","updated_at":"2026-03-10T15:00:00.5-05:00","sync":{"state":"pending"},"check_in":{"source":"manual","at":"2026-03-10T16:00:00Z","minutes":12}}`},
	{"empty object", `{}`},
	{"spaces between tokens", " {\n\t\"id\" : 7 ,\r\n \"email\":\"a@b.org\" } \n"},
	{"escaped quote", `{"first_name":"Ann \"Annie\" Lee"}`},
	{"escaped html", `{"source":"\u003cb\u003enews\u003c/b\u003e"}`},
	{"non-ASCII name", `{"first_name":"Zoë","last_name":"Ōkubo"}`},
	{"invalid UTF-8", "{\"first_name\":\"Zo\xff\"}"},
	{"control character in a string", "{\"first_name\":\"a\tb\"}"},
	{"unknown field", `{"id":7,"phone":"555"}`},
	{"field name in other case", `{"ID":7,"Email":"a@b.org"}`},
	{"null check-in", `{"check_in":null}`},
	{"repeated check-in merges", `{"check_in":{"minutes":5},"check_in":{"source":"manual"}}`},
	{"repeated field, last wins", `{"email":"a@b.org","email":"c@d.org"}`},
	{"negative clicks", `{"clicks":-3}`},
	{"negative ID", `{"id":-3}`},
	{"ID too large", `{"id":18446744073709551616}`},
	{"exponent", `{"clicks":1e2}`},
	{"leading zero", `{"clicks":01}`},
	{"fraction", `{"clicks":1.5}`},
	{"string for a number", `{"id":"7"}`},
	{"number for a string", `{"email":7}`},
	{"bad time", `{"registered_at":"yesterday"}`},
	{"null time", `{"registered_at":null}`},
	{"trailing comma", `{"id":7,}`},
	{"missing comma", `{"id":7 "event_id":2}`},
	{"trailing data", `{"id":7} x`},
	{"truncated", `{"id":7,"email":"a@`},
	{"null", `null`},
	{"array", `[]`},
	{"empty", ``},
}

func TestDecodeRegistrantMatchesEncodingJSON(t *testing.T) {
	for _, c := range registrantJSONCases {
		t.Run(c.name, func(t *testing.T) { sameAsEncodingJSON(t, []byte(c.json)) })
	}
	t.Run("every field set", func(t *testing.T) {
		var r core.Registrant
		populate(reflect.ValueOf(&r).Elem(), new(int))
		data, _ := json.Marshal(r)
		sameAsEncodingJSON(t, data)
	})
}

func FuzzDecodeRegistrant(f *testing.F) {
	for _, c := range registrantJSONCases {
		f.Add([]byte(c.json))
	}
	var r core.Registrant
	populate(reflect.ValueOf(&r).Elem(), new(int))
	data, _ := json.Marshal(r)
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) { sameAsEncodingJSON(t, data) })
}
