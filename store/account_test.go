package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
)

func TestAccountsKeepCredentialsOnlyInTheFile(t *testing.T) {
	db := openTemp(t)
	a := core.Account{Name: "Main Zoom", Provider: core.ProviderZoom, Active: true,
		Credentials: core.Credentials{AccountID: "acc-1", ClientID: "cid-1", ClientSecret: "s3cr3t-value"}}
	update(t, db, func(tx core.Tx) error { return tx.PutAccount(&a) })
	if a.ID == 0 {
		t.Fatal("PutAccount assigned no ID")
	}
	b := core.Account{Name: "Second", Provider: core.ProviderZoom,
		Credentials: core.Credentials{AccountID: "acc-2", ClientID: "cid-2", ClientSecret: "other-secret"}}
	update(t, db, func(tx core.Tx) error { return tx.PutAccount(&b) })

	var got core.Account
	var all []core.Account
	view(t, db, func(tx core.Tx) (err error) {
		if got, err = tx.Account(a.ID); err != nil {
			return err
		}
		all, err = tx.Accounts()
		return err
	})
	if got.Credentials != a.Credentials || got.Name != a.Name || !got.Active {
		t.Fatalf("account read back as %+v", got)
	}
	if len(all) != 2 || all[0].ID != a.ID || all[1].Credentials.ClientSecret != "other-secret" {
		t.Fatalf("Accounts = %v", all)
	}
	view(t, db, func(tx core.Tx) error {
		if _, err := tx.Account(99); core.ErrorCode(err) != core.ENOTFOUND {
			t.Errorf("missing account: %v", err)
		}
		return nil
	})

	// Every way of printing an account leaves the secret out.
	js, _ := json.Marshal(got)
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("x", "account", got, "creds", got.Credentials)
	for _, s := range []string{string(js), fmt.Sprint(got), fmt.Sprintf("%+v", got), fmt.Sprintf("%#v", got.Credentials),
		fmt.Sprintf("%v", got.Credentials), logged.String()} {
		if strings.Contains(s, "s3cr3t-value") || strings.Contains(s, "cid-1") {
			t.Errorf("secret printed: %s", s)
		}
	}
}
