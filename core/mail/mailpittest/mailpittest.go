// Package mailpittest starts a real SMTP server (mailpit) for tests and
// reads what it received through its API. Tests fail, never skip, when
// mailpit is missing: install it with
//
//	go install github.com/axllent/mailpit@v1.27.11
//
// and put $(go env GOPATH)/bin on PATH.
package mailpittest

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Server is a running mailpit.
type Server struct {
	SMTPHost string
	SMTPPort int
	API      string // http://127.0.0.1:PORT
	cmd      *exec.Cmd
}

// Start runs mailpit on free loopback ports and stops it (by its PID) when
// the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := exec.LookPath("mailpit")
	if err != nil {
		if gp, gerr := exec.Command("go", "env", "GOPATH").Output(); gerr == nil {
			cand := filepath.Join(string(trimNL(gp)), "bin", "mailpit")
			if _, serr := os.Stat(cand); serr == nil {
				bin, err = cand, nil
			}
		}
	}
	if err != nil {
		t.Fatal("mailpit is not on PATH: these tests need a real SMTP server. Install it with " +
			"\"go install github.com/axllent/mailpit@v1.27.11\" and add $(go env GOPATH)/bin to PATH.")
	}
	ports := freePorts(t, 2)
	smtpPort, httpPort := ports[0], ports[1]
	s := &Server{SMTPHost: "127.0.0.1", SMTPPort: smtpPort, API: "http://127.0.0.1:" + strconv.Itoa(httpPort)}
	s.cmd = exec.Command(bin,
		"--smtp", "127.0.0.1:"+strconv.Itoa(smtpPort),
		"--listen", "127.0.0.1:"+strconv.Itoa(httpPort),
		"--database", filepath.Join(t.TempDir(), "mailpit.db"),
		"--max", "0",
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--disable-version-check", "--quiet")
	s.cmd.Stdout, s.cmd.Stderr = os.Stderr, os.Stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("starting mailpit: %v", err)
	}
	t.Cleanup(s.Stop)
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(s.API + "/api/v1/messages?limit=1")
		if err == nil {
			resp.Body.Close()
			if c, err := net.DialTimeout("tcp", net.JoinHostPort(s.SMTPHost, strconv.Itoa(smtpPort)), time.Second); err == nil {
				c.Close()
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit did not start on ports %d/%d", smtpPort, httpPort)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return s
}

func trimNL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// Stop ends mailpit by its PID.
func (s *Server) Stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
	s.cmd = nil
}

// freePorts returns n different free loopback ports. The listeners stay
// open until all are chosen: one closed at once can be handed out again
// (a run drew the same port for SMTP and HTTP, and mailpit would not start).
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	ports := make([]int, n)
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports
}

// Address is one address of a message.
type Address struct {
	Name    string `json:"Name"`
	Address string `json:"Address"`
}

// Summary is a message as the list shows it.
type Summary struct {
	ID          string    `json:"ID"`
	MessageID   string    `json:"MessageID"`
	From        Address   `json:"From"`
	To          []Address `json:"To"`
	Subject     string    `json:"Subject"`
	Attachments int       `json:"Attachments"`
}

// Attachment is an attachment of a message.
type Attachment struct {
	PartID      string `json:"PartID"`
	FileName    string `json:"FileName"`
	ContentType string `json:"ContentType"`
	ContentID   string `json:"ContentID"`
}

// Message is one message in full.
type Message struct {
	Summary
	ReplyTo     []Address    `json:"ReplyTo"`
	Text        string       `json:"Text"`
	HTML        string       `json:"HTML"`
	Attachments []Attachment `json:"Attachments"`
	Inline      []Attachment `json:"Inline"`
}

// Count is how many messages mailpit holds.
func (s *Server) Count(t testing.TB) int {
	t.Helper()
	var out struct {
		Total int `json:"total"`
	}
	s.get(t, "/api/v1/messages?limit=1", &out)
	return out.Total
}

// Messages lists every message, newest first.
func (s *Server) Messages(t testing.TB) []Summary {
	t.Helper()
	var all []Summary
	for start := 0; ; start += 1000 {
		var out struct {
			Total    int       `json:"total"`
			Messages []Summary `json:"messages"`
		}
		s.get(t, fmt.Sprintf("/api/v1/messages?start=%d&limit=1000", start), &out)
		all = append(all, out.Messages...)
		if len(out.Messages) == 0 || len(all) >= out.Total {
			return all
		}
	}
}

// Message reads one message.
func (s *Server) Message(t testing.TB, id string) Message {
	t.Helper()
	var m Message
	s.get(t, "/api/v1/message/"+id, &m)
	return m
}

// Part downloads an attachment.
func (s *Server) Part(t testing.TB, id, part string) []byte {
	t.Helper()
	return s.download(t, "/api/v1/message/"+id+"/part/"+part)
}

// Raw downloads a message's source.
func (s *Server) Raw(t testing.TB, id string) []byte {
	t.Helper()
	return s.download(t, "/api/v1/message/"+id+"/raw")
}

// download fetches an API path whole; a failed or cut-off read fails the
// test rather than handing back part of a message.
func (s *Server) download(t testing.TB, path string) []byte {
	t.Helper()
	resp, err := http.Get(s.API + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpit %s: %s", path, resp.Status)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("mailpit %s: %v", path, err)
	}
	return b
}

// DeleteAll empties the mailbox.
func (s *Server) DeleteAll(t testing.TB) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodDelete, s.API+"/api/v1/messages", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func (s *Server) get(t testing.TB, path string, v any) {
	t.Helper()
	resp, err := http.Get(s.API + path)
	if err != nil {
		t.Fatalf("mailpit API: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpit API %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("mailpit API %s: %v", path, err)
	}
}
