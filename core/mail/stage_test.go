package mail

import (
	"context"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail/mailpittest"
)

// A staged message is on the wire but delivered only by finish: a process
// that dies between the two (here: the connection drops) delivers nothing,
// which is what lets the engine write the last outcome meanwhile and still
// repeat at most one message per connection after a crash.
func TestStagedMessageIsDeliveredOnlyByFinish(t *testing.T) {
	mp := mailpittest.Start(t)
	cfg := core.MailSettings{Host: mp.SMTPHost, Port: mp.SMTPPort, Security: core.MailSecurityNone, From: "office@example.org"}
	sess, err := Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := sess.(*session)
	finish, err := s.Stage(core.MailMessage{From: cfg.From, To: "ann@example.org", Subject: "First", Text: "one"})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the body has arrived; the end has not
	if n := mp.Count(t); n != 0 {
		t.Fatalf("%d messages delivered before finish", n)
	}
	if err := finish(); err != nil {
		t.Fatal(err)
	}
	if n := mp.Count(t); n != 1 {
		t.Fatalf("%d messages after finish; want 1", n)
	}
	if _, err := s.Stage(core.MailMessage{From: cfg.From, To: "bo@example.org", Subject: "Second", Text: "two"}); err != nil {
		t.Fatal(err)
	}
	s.conn.Close() // the crash: the end never goes
	time.Sleep(200 * time.Millisecond)
	if n := mp.Count(t); n != 1 {
		t.Fatalf("%d messages after a dropped staged one; want 1", n)
	}
}
