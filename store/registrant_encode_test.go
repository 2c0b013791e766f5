package store

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Strings and times chosen to hit each rule of Marshal's: escaping, HTML
// characters, line separators, bad UTF-8, omitempty, omitzero, zones,
// years it refuses.
var (
	encodeStrings = []string{"", "Ann", "ann.lee@example.org", "Zoë Ōkubo", "a\"b", `back\slash`, "tab\there",
		"<b>", "R&D", "line\u2028sep", "para\u2029sep", "bad \xff utf8", "\x7f", "https://example.org/j?a=1&b=2"}
	encodeTimes = []time.Time{
		{},
		time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 10, 15, 0, 0, 123456789, time.FixedZone("", -5*3600)),
		time.Date(2026, 3, 10, 15, 0, 0, 500, time.Local),
		time.Time{}.In(time.FixedZone("CET", 3600)),  // zero instant, non-zero struct
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), // Marshal refuses
	}
)

// randomize sets each field reachable from v to a zero or a random value.
func randomize(rng *rand.Rand, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(encodeStrings[rng.IntN(len(encodeStrings))])
	case reflect.Int, reflect.Int64:
		v.SetInt([]int64{0, 1, -7, 1 << 40}[rng.IntN(4)])
	case reflect.Uint64:
		v.SetUint([]uint64{0, 1, 1 << 63}[rng.IntN(3)])
	case reflect.Slice:
		switch k := rng.IntN(4); k {
		case 0:
			v.Set(reflect.Zero(v.Type()))
		default:
			v.Set(reflect.MakeSlice(v.Type(), k-1, k-1))
			for i := range v.Len() {
				randomize(rng, v.Index(i))
			}
		}
	case reflect.Pointer:
		if rng.IntN(2) == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		randomize(rng, v.Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(encodeTimes[rng.IntN(len(encodeTimes))]))
			return
		}
		if rng.IntN(4) == 0 {
			return // a whole nested struct left zero
		}
		for i := range v.NumField() {
			randomize(rng, v.Field(i))
		}
	default:
		panic("randomize: add a case for " + v.Type().String())
	}
}

// sameAsMarshal fails unless encodeRegistrant writes what json.Marshal
// writes, and decodeRegistrant reads it back as json.Unmarshal does.
func sameAsMarshal(t *testing.T, r *core.Registrant) {
	t.Helper()
	want, errWant := json.Marshal(r)
	got, errGot := encodeRegistrant(r)
	if (errGot == nil) != (errWant == nil) || !bytes.Equal(got, want) {
		t.Fatalf("encodeRegistrant(%+v)\n= %s, %v\nMarshal\n= %s, %v", r, got, errGot, want, errWant)
	}
	if errWant == nil {
		sameAsEncodingJSON(t, got)
	}
}

func TestEncodeRegistrantMatchesMarshal(t *testing.T) {
	t.Run("every field set", func(t *testing.T) {
		var r core.Registrant
		populate(reflect.ValueOf(&r).Elem(), new(int))
		sameAsMarshal(t, &r)
	})
	t.Run("zero registrant", func(t *testing.T) { sameAsMarshal(t, &core.Registrant{}) })
	t.Run("random registrants", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		for range 20000 {
			var r core.Registrant
			randomize(rng, reflect.ValueOf(&r).Elem())
			sameAsMarshal(t, &r)
		}
	})
}

func FuzzEncodeRegistrant(f *testing.F) {
	f.Add("Ann", "ann@example.org", "R&D <team>", int64(1773154800), 0, 0)
	f.Add("Zoë", "z\xffe@example.org", "line\u2028sep", int64(-62135596800), 999, -5*3600)
	f.Fuzz(func(t *testing.T, name, email, lastError string, unix int64, nsec, offset int) {
		at := time.Unix(unix, int64(nsec)).In(time.FixedZone("", offset))
		r := core.Registrant{ID: 1, EventID: 2, FirstName: name, Email: email, RegisteredAt: at, UpdatedAt: at,
			Sync: core.ProviderSync{LastError: lastError, UpdatedAt: at}}
		sameAsMarshal(t, &r)
	})
}
