package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

func TestAccountTokensSurviveReopenAndNeverPrint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "turnout.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	exp := time.Date(2026, 11, 29, 15, 0, 0, 0, time.UTC)
	a := core.Account{Name: "Zoom user", Provider: core.ProviderZoom, Active: true, Auth: core.AuthUser, OAuthPort: 4199,
		Credentials: core.Credentials{ClientID: "cid-user"}, ConnectedAs: "host@example.org",
		Scopes: []string{"meeting:read"}, TokenExpiry: exp,
		Token: core.OAuthToken{AccessToken: "at-SECRET-1", RefreshToken: "rt-SECRET-1", TokenType: "bearer", Expiry: exp}}
	update(t, db, func(tx core.Tx) error { return tx.PutAccount(&a) })
	// Rotate in one transaction, as the persisting token source does.
	update(t, db, func(tx core.Tx) error {
		got, err := tx.Account(a.ID)
		if err != nil {
			return err
		}
		got.Token.RefreshToken, got.Token.AccessToken = "rt-SECRET-2", "at-SECRET-2"
		return tx.PutAccount(&got)
	})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got core.Account
	view(t, db, func(tx core.Tx) (err error) { got, err = tx.Account(a.ID); return err })
	want := core.OAuthToken{AccessToken: "at-SECRET-2", RefreshToken: "rt-SECRET-2", TokenType: "bearer", Expiry: exp}
	if !got.Token.Expiry.Equal(exp) || got.Token.AccessToken != want.AccessToken || got.Token.RefreshToken != want.RefreshToken ||
		got.Auth != core.AuthUser || got.OAuthPort != 4199 || got.ConnectedAs != "host@example.org" {
		t.Fatalf("read back %#v / %v", got, got.Token.RefreshToken)
	}

	js, _ := json.Marshal(got)
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("x", "account", got, "token", got.Token)
	for _, s := range []string{string(js), fmt.Sprint(got), fmt.Sprintf("%+v", got), fmt.Sprintf("%#v", got),
		fmt.Sprintf("%v", got.Token), fmt.Sprintf("%#v", got.Token), logged.String()} {
		if strings.Contains(s, "SECRET") {
			t.Errorf("token printed: %s", s)
		}
	}
	// The data file is the one place the token lives.
	db.Close()
	raw, _ := os.ReadFile(path)
	if !bytes.Contains(raw, []byte("rt-SECRET-2")) {
		t.Error("rotated refresh token is not in the data file")
	}
}
