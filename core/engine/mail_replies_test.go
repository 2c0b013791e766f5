package engine_test

import (
	"bufio"
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

// scriptedSMTP is a small SMTP server that answers RCPT for an address
// with the next of its scripted replies (then "250 ok"), the way the big
// services answer and mailpit cannot.
type scriptedSMTP struct {
	ln        net.Listener
	mu        sync.Mutex
	script    map[string][]string
	delivered map[string]int
}

func startScriptedSMTP(t *testing.T, script map[string][]string) *scriptedSMTP {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &scriptedSMTP{ln: ln, script: script, delivered: map[string]int{}}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *scriptedSMTP) next(rcpt string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if q := s.script[rcpt]; len(q) > 0 {
		s.script[rcpt] = q[1:]
		return q[0]
	}
	return "250 ok"
}

func (s *scriptedSMTP) count(rcpt string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.delivered[rcpt]
}

func (s *scriptedSMTP) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(line string) { c.Write([]byte(line + "\r\n")) }
	say("220 scripted ESMTP")
	var rcpt string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-scripted")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL"), cmd == "RSET", cmd == "NOOP":
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT"):
			rcpt = strings.ToLower(strings.Trim(strings.TrimSpace(line)[len("RCPT TO:"):], "<> "))
			ans := s.next(rcpt)
			say(ans)
			if strings.HasPrefix(ans, "421") {
				return
			}
		case cmd == "DATA":
			say("354 go on")
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
			}
			s.mu.Lock()
			s.delivered[rcpt]++
			s.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("502 unknown")
		}
	}
}

// replyFixture has one registrant per address on a scripted server.
func replyFixture(t *testing.T, script map[string][]string, emails ...string) (*mailFixture, *scriptedSMTP, map[string]core.ID) {
	f := newMailFixture(t, 0, 0, core.MailSettings{})
	srv := startScriptedSMTP(t, script)
	ctx := context.Background()
	if _, err := f.eng.SaveMailSettings(ctx, core.MailSettings{Host: "127.0.0.1", Port: srv.ln.Addr().(*net.TCPAddr).Port,
		Security: core.MailSecurityNone, From: "office@example.org"}); err != nil {
		t.Fatal(err)
	}
	ids := map[string]core.ID{}
	for _, e := range emails {
		r, _, err := f.eng.AddRegistrant(ctx, f.event.ID, core.Registrant{Email: e})
		if err != nil {
			t.Fatal(err)
		}
		ids[e] = r.ID
	}
	if _, err := f.eng.Remind(ctx, f.event.ID, engine.RemindOptions{}); err != nil {
		t.Fatal(err)
	}
	return f, srv, ids
}

func reminderOf(t *testing.T, f *mailFixture, id core.ID) core.ReminderState {
	t.Helper()
	r, err := f.eng.Registrant(context.Background(), f.event.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return r.Reminder
}

var quickRetry = engine.MailOptions{Backoff: func(int) time.Duration { return 0 }}

// Throttling answers are no failure: the message waits and goes later;
// a permanent 550 fails that registrant only.
func TestThrottlingRetriesAndA550FailsOneRegistrant(t *testing.T) {
	script := map[string][]string{
		"slow@example.org":   {"454 4.7.0 Throttling failure: Maximum sending rate exceeded."},
		"conns@example.org":  {"432 4.3.2 Concurrent connections limit exceeded."},
		"busy@example.org":   {"451 4.4.4 Temporary server error. Please try again later"},
		"closed@example.org": {"421 4.7.0 Try again later, closing connection."},
		"bounce@example.org": {"550 5.1.1 User unknown"},
	}
	emails := []string{"ann@example.org", "slow@example.org", "conns@example.org", "busy@example.org", "closed@example.org", "bounce@example.org", "zoe@example.org"}
	f, srv, ids := replyFixture(t, script, emails...)
	ctx := context.Background()
	sum, err := f.eng.SendQueuedMailWith(ctx, quickRetry)
	if err != nil || sum.Failed != 1 {
		t.Fatalf("first pass: %+v, %v", sum, err)
	}
	if st := reminderOf(t, f, ids["slow@example.org"]); st.Status != core.ReminderQueued || st.Error != "" {
		t.Fatalf("a throttled reminder shows as %+v; want still queued, no error", st)
	}
	for i := 0; i < 10 && sum.Remaining > 0; i++ {
		if sum, err = f.eng.SendQueuedMailWith(ctx, quickRetry); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range emails {
		st := reminderOf(t, f, ids[e])
		if e == "bounce@example.org" {
			if st.Status != core.ReminderFailed || !strings.Contains(st.Error, "550 5.1.1") || srv.count(e) != 0 {
				t.Errorf("bounce: %+v", st)
			}
			continue
		}
		if st.Status != core.ReminderSent || srv.count(e) != 1 {
			t.Errorf("%s: %+v, delivered %d; want sent once", e, st, srv.count(e))
		}
	}
}

// Answers no other message can get past stop the batch, keep every
// reminder waiting (none failed) and tell staff what to do.
func TestSignInAndBlockedAnswersStopTheBatch(t *testing.T) {
	for _, c := range []struct{ answer, words string }{
		{"550 5.7.30 Basic authentication is not supported for Client Submission", "Sign in with Microsoft"},
		{"535 5.7.139 Authentication unsuccessful, the request did not meet the criteria", "refused the sign-in"},
		{"535 5.7.3 Authentication unsuccessful", "Settings → Mail"},
		{"550 5.2.252 SendAsDenied; the mailbox is blocked", "stopped the reminders"},
	} {
		t.Run(c.answer[:9], func(t *testing.T) {
			emails := []string{"ann@example.org", "bob@example.org", "cy@example.org"}
			f, srv, ids := replyFixture(t, map[string][]string{"bob@example.org": {c.answer}}, emails...)
			ctx := context.Background()
			sum, err := f.eng.SendQueuedMailWith(ctx, quickRetry)
			if err == nil || !strings.Contains(core.ErrorMessage(err), c.words) || sum.Failed != 0 {
				t.Fatalf("%+v, %v; want the batch stopped with %q", sum, err, c.words)
			}
			if srv.count("cy@example.org") != 0 {
				t.Fatal("the batch went on after the stop")
			}
			if st := reminderOf(t, f, ids["bob@example.org"]); st.Status != core.ReminderQueued || !strings.Contains(st.Error, c.words) {
				t.Fatalf("bob: %+v; want waiting with the reason", st)
			}
			// Staff fixed it: the rest go, each once.
			if _, err := f.eng.SendQueuedMailWith(ctx, quickRetry); err != nil {
				t.Fatal(err)
			}
			for _, e := range emails {
				if srv.count(e) != 1 {
					t.Errorf("%s delivered %d times", e, srv.count(e))
				}
			}
		})
	}
}
