package engine_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

// An account saved before addresses were checked sends no credential over
// plain HTTP beyond this computer.
func TestAnOldPlainHTTPAccountSendsNothing(t *testing.T) {
	_, db := newEngine(t)
	built := false
	eng := engine.New(db, engine.WithProviders(engine.ProviderOptions{Factories: map[core.ProviderKind]engine.ProviderFactory{
		core.ProviderZoom: func(core.Account) (core.Provider, error) { built = true; return nil, errors.New("unreachable") }}}))
	a := core.Account{Name: "Old", Provider: core.ProviderZoom, Active: true, APIURL: "http://10.1.2.3/v2",
		OAuthURL: "http://10.1.2.3", Credentials: core.Credentials{AccountID: "a", ClientID: "b", ClientSecret: "c"}}
	if err := db.Update(context.Background(), func(tx core.Tx) error { return tx.PutAccount(&a) }); err != nil {
		t.Fatal(err)
	}
	_, err := eng.TestAccount(context.Background(), a.ID)
	if err == nil || !strings.Contains(core.ErrorMessage(err), "only over https") || built {
		t.Fatalf("TestAccount = %v (adapter built: %v)", err, built)
	}
	if _, err := eng.AddAccount(context.Background(), core.Account{Name: "New", Provider: core.ProviderZoom, Active: true,
		OAuthURL: "http://10.1.2.3", Credentials: a.Credentials}); err == nil || !strings.Contains(core.ErrorMessage(err), "http://10.1.2.3") {
		t.Fatalf("AddAccount = %v", err)
	}
}
