package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
)

// A JWT credential is kept like a client secret: in the secret store when
// there is one (never in the data file), in the record otherwise; both
// read back.
func TestJWTCredentialIsKeptLikeAClientSecret(t *testing.T) {
	const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiJ9.Sig-JWT-Secret-77"
	for _, sealed := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "turnout.db")
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if sealed {
			if _, err := db.UseSecrets(coretest.NewSecrets()); err != nil {
				t.Fatal(err)
			}
		}
		a := core.Account{Name: "RC", Provider: core.ProviderRingCentral, Active: true,
			Credentials: core.Credentials{ClientID: "cid", ClientSecret: "cs-RC-Secret-5", JWT: jwt}}
		update(t, db, func(tx core.Tx) error { return tx.PutAccount(&a) })
		var got core.Account
		err = db.View(context.Background(), func(tx core.Tx) (err error) { got, err = tx.Account(a.ID); return err })
		if err != nil || got.Credentials.JWT != jwt || got.Credentials.ClientSecret != "cs-RC-Secret-5" || got.NeedsReconnect {
			t.Fatalf("sealed=%t: read back %+v %v", sealed, got.Credentials.ClientID, err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(path)
		if in := bytes.Contains(raw, []byte("Sig-JWT-Secret-77")); in == sealed {
			t.Errorf("sealed=%t: JWT in the data file = %t", sealed, in)
		}
	}
}

// A registrant's cancellation link is stored with its sync state, and a
// record written before the field existed reads with none.
func TestProviderSyncKeepsTheCancelURL(t *testing.T) {
	r := core.Registrant{ID: 3, EventID: 1, Email: "a@example.org", Sync: core.ProviderSync{State: core.SyncPushed,
		RegistrantID: "700000012", JoinURL: "https://rc.example/j/1", CancelURL: "https://rc.example/c/1", UpdatedAt: time.Unix(1e9, 0).UTC()}}
	data, err := encodeRegistrant(&r)
	if err != nil || !bytes.Contains(data, []byte(`"cancel_url":"https://rc.example/c/1"`)) {
		t.Fatalf("encoded %s %v", data, err)
	}
	var back core.Registrant
	if err := decodeRegistrant(data, &back); err != nil || back.Sync != r.Sync {
		t.Fatalf("decoded %+v %v", back.Sync, err)
	}
	old := bytes.Replace(data, []byte(`"cancel_url":"https://rc.example/c/1",`), nil, 1)
	var before core.Registrant
	if err := decodeRegistrant(old, &before); err != nil || before.Sync.CancelURL != "" || before.Sync.JoinURL != r.Sync.JoinURL {
		t.Fatalf("an older record: %+v %v (%s)", before.Sync, err, old)
	}
}
