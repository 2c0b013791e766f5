package mail

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/smtp"
	"slices"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// KindSignIn: the mail service no longer accepts Turnout's browser
// sign-in (the refresh was refused, or the token was refused twice).
// Reminders wait until staff sign in again; Text says so in office words.
// It is kept apart from the numbered kinds in smtp.go.
const KindSignIn ErrorKind = 100

// xoauth2 is SMTP AUTH XOAUTH2 (Microsoft 365, Google): the user and a
// Bearer access token in one initial response. A refused token gets a 334
// challenge carrying a JSON error; the client answers with an empty line
// and the server then gives its final code (535 …), which Auth returns.
type xoauth2 struct {
	user, token string
	refusal     string // the JSON error of the 334 challenge, if any
}

func (a *xoauth2) Start(*smtp.ServerInfo) (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + a.user + "\x01auth=Bearer " + a.token + "\x01\x01"), nil
}

func (a *xoauth2) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	var status struct {
		Status string `json:"status"`
	}
	if json.Unmarshal(fromServer, &status) == nil {
		a.refusal = status.Status
	}
	return []byte{}, nil // an empty line: the server answers with its final code
}

// passwordAuth signs in with a user name and password: PLAIN where the
// server offers it, else LOGIN. Unlike net/smtp's PlainAuth it also works
// without TLS (security "none", for a server inside the office network,
// as Turnout always allowed).
type passwordAuth struct {
	user, password string
	login          bool
}

func (a *passwordAuth) Start(si *smtp.ServerInfo) (string, []byte, error) {
	if len(si.Auth) > 0 && !slices.Contains(si.Auth, "PLAIN") && slices.Contains(si.Auth, "LOGIN") {
		a.login = true
		return "LOGIN", nil, nil
	}
	return "PLAIN", []byte("\x00" + a.user + "\x00" + a.password), nil
}

func (a *passwordAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	if !a.login {
		return nil, errors.New("unexpected server challenge on auth")
	}
	switch prompt := strings.ToLower(string(bytes.TrimSpace(fromServer))); {
	case strings.HasPrefix(prompt, "user"):
		return []byte(a.user), nil
	case strings.HasPrefix(prompt, "pass"):
		return []byte(a.password), nil
	}
	return nil, fmt.Errorf("unexpected server challenge on auth: %q", core.RedactSecrets(string(fromServer)))
}

// tokenError is a token source's failure as a SendError: a sign-in the
// service refused (staff must sign in again), or one that could not be
// renewed now (the network; tried again later).
func tokenError(err error, host string) *SendError {
	kind := KindTransient
	if core.ErrorCode(err) == core.EUNAUTHORIZED {
		kind = KindSignIn
	}
	return &SendError{Kind: kind, Text: core.ErrorMessage(err), Broken: true, host: host}
}

// signInRefused words a refused XOAUTH2 sign-in (after a fresh token was
// tried too) for staff: where to sign in again, with the server's words.
func signInRefused(c core.MailSettings, err error) error {
	var se *SendError
	if !errors.As(err, &se) || se.Kind != KindAuth {
		return err
	}
	return &SendError{Kind: KindSignIn, Code: se.Code, Broken: true, host: c.Host,
		Text: fmt.Sprintf("%s refused Turnout's sign-in for %s (%s). Check that SMTP sending is allowed for this mailbox, then sign in again in Settings → Mail.",
			c.SignIn.Label(), c.User, se.ServerWords())}
}
