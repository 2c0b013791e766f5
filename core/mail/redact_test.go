package mail

import (
	"encoding/base64"
	"net/textproto"
	"strings"
	"testing"
)

// A server that echoes the AUTH command puts the base64 of user and
// password in its answer; what Turnout keeps of it must not carry them.
func TestServerWordsNeverCarryTheCredentials(t *testing.T) {
	plain := base64.StdEncoding.EncodeToString([]byte("\x00events@example.org\x00Smtp-Pass-77"))
	err := &textproto.Error{Code: 535, Msg: "5.7.8 Authentication failed for AUTH PLAIN " + plain}
	se := Classify(err, "connect", "smtp.example.org", "")
	for _, s := range []string{se.Error(), se.ServerWords(), se.Text} {
		if strings.Contains(s, plain) || strings.Contains(s, "Smtp-Pass-77") {
			t.Fatalf("kept text carries the credentials: %q", s)
		}
	}
	if se.Kind != KindAuth || !strings.Contains(se.Error(), "did not accept the user name and password") {
		t.Fatalf("classified as %v: %s", se.Kind, se.Error())
	}
}
