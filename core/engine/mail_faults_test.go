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

// faultySMTP is a tiny SMTP server that refuses some addresses: 550 for
// ones containing "bounce", 450 the first time for "grey", and 421 plus a
// hang-up on the first DATA for "drop".
type faultySMTP struct {
	ln        net.Listener
	mu        sync.Mutex
	delivered map[string]int
	seen      map[string]int
}

func startFaultySMTP(t *testing.T) *faultySMTP {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &faultySMTP{ln: ln, delivered: map[string]int{}, seen: map[string]int{}}
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

func (s *faultySMTP) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(line string) { c.Write([]byte(line + "\r\n")) }
	say("220 faulty ESMTP")
	var rcpt string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-faulty")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL"):
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT"):
			rcpt = strings.ToLower(strings.Trim(strings.TrimSpace(line)[len("RCPT TO:"):], "<> "))
			s.mu.Lock()
			s.seen[rcpt]++
			n := s.seen[rcpt]
			s.mu.Unlock()
			switch {
			case strings.Contains(rcpt, "bounce"):
				say("550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown")
			case strings.Contains(rcpt, "grey") && n == 1:
				say("450 4.2.0 Greylisted, please try again later")
			default:
				say("250 ok")
			}
		case cmd == "DATA":
			s.mu.Lock()
			first := strings.Contains(rcpt, "drop") && s.seen[rcpt] == 1
			s.mu.Unlock()
			if first {
				say("421 4.3.2 Service shutting down")
				return
			}
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
		case cmd == "RSET", cmd == "NOOP":
			say("250 ok")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("502 unknown")
		}
	}
}

func TestSMTPFaultsLoseNothing(t *testing.T) {
	ctx := context.Background()
	f := newMailFixture(t, 0, 0, core.MailSettings{})
	emails := []string{"ann@example.org", "bounce@example.org", "grey@example.org", "drop@example.org", "zoe@example.org"}
	ids := map[string]core.ID{}
	for _, e := range emails {
		r, _, err := f.eng.AddRegistrant(ctx, f.event.ID, core.Registrant{Email: e})
		if err != nil {
			t.Fatal(err)
		}
		ids[e] = r.ID
	}
	// Server down: a closed port.
	down, _ := net.Listen("tcp", "127.0.0.1:0")
	downPort := down.Addr().(*net.TCPAddr).Port
	down.Close()
	if _, err := f.eng.SaveMailSettings(ctx, core.MailSettings{Host: "127.0.0.1", Port: downPort, Security: core.MailSecurityNone,
		User: "office", Password: testMailPassword, From: "office@example.org"}); err != nil {
		t.Fatal(err)
	}
	if n, err := f.eng.Remind(ctx, f.event.ID, engine.RemindOptions{}); err != nil || n != 5 {
		t.Fatalf("Remind = %d, %v", n, err)
	}
	opts := engine.MailOptions{Backoff: func(int) time.Duration { return 0 }}
	_, err := f.eng.SendQueuedMailWith(ctx, opts)
	if err == nil || !strings.Contains(core.ErrorMessage(err), "refused the connection") {
		t.Fatalf("server down: err = %v", err)
	}
	if strings.Contains(err.Error(), testMailPassword) {
		t.Fatal("the error shows the password")
	}

	srv := startFaultySMTP(t)
	port := srv.ln.Addr().(*net.TCPAddr).Port
	if _, err := f.eng.SaveMailSettings(ctx, core.MailSettings{Host: "127.0.0.1", Port: port, Security: core.MailSecurityNone,
		From: "office@example.org"}); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		sum, err := f.eng.SendQueuedMailWith(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Sent+sum.Failed+sum.Retry == 0 {
			break
		}
		if i > 20 {
			t.Fatal("the outbox never emptied")
		}
	}
	for _, e := range emails {
		r, err := f.eng.Registrant(ctx, f.event.ID, ids[e])
		if err != nil {
			t.Fatal(err)
		}
		got := srv.delivered[e]
		if e == "bounce@example.org" {
			if got != 0 || r.Reminder.Status != core.ReminderFailed || !strings.Contains(r.Reminder.Error, "550 5.1.1") ||
				!strings.Contains(r.Reminder.Error, "User unknown") {
				t.Errorf("bounce: delivered %d, reminder %+v; want failed with the server's words", got, r.Reminder)
			}
			continue
		}
		if got != 1 || r.Reminder.Status != core.ReminderSent {
			t.Errorf("%s: delivered %d times, reminder %+v; want sent once", e, got, r.Reminder)
		}
	}
	h, _ := f.eng.Report(ctx, f.event.ID)
	if h.Reminded != 4 {
		t.Errorf("report: Reminded = %d, want 4", h.Reminded)
	}
}

func TestSendTestEmailExplainsRefusedConnection(t *testing.T) {
	f := newMailFixture(t, 0, 0, core.MailSettings{})
	ctx := context.Background()
	if err := f.eng.SendTestEmail(ctx, "me@example.org"); err == nil || !strings.Contains(core.ErrorMessage(err), "not set up") {
		t.Fatalf("no settings: %v", err)
	}
	down, _ := net.Listen("tcp", "127.0.0.1:0")
	port := down.Addr().(*net.TCPAddr).Port
	down.Close()
	cfg := core.MailSettings{Host: "127.0.0.1", Port: port, Security: core.MailSecurityNone, User: "u", Password: testMailPassword, From: "office@example.org"}
	if _, err := f.eng.SaveMailSettings(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	got, err := f.eng.MailSettings(ctx)
	if err != nil || got.Password == testMailPassword || strings.Contains(got.String(), testMailPassword) {
		t.Fatalf("MailSettings shows the password: %+v %v", got, err)
	}
	err = f.eng.SendTestEmail(ctx, "me@example.org")
	if err == nil || !strings.Contains(core.ErrorMessage(err), "refused the connection") || strings.Contains(err.Error(), testMailPassword) {
		t.Fatalf("refused: %v", err)
	}
}
