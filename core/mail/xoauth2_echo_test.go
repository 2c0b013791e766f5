package mail_test

import (
	"bufio"
	"context"
	"encoding/base64"
	"net"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
)

// A server that echoes the AUTH line in its refusal leaves neither the
// token nor its base64 in the error staff see or the log keeps.
func TestAnEchoedXOAUTH2LineIsNotInTheError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				r := bufio.NewReader(c)
				c.Write([]byte("220 echo ESMTP\r\n"))
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					switch cmd := strings.ToUpper(line); {
					case strings.HasPrefix(cmd, "EHLO"):
						c.Write([]byte("250-echo\r\n250 AUTH XOAUTH2\r\n"))
					case strings.HasPrefix(cmd, "AUTH"):
						c.Write([]byte("535 5.7.3 Authentication unsuccessful: you sent " + strings.TrimSpace(line) + "\r\n"))
					default:
						c.Write([]byte("221 bye\r\n"))
						return
					}
				}
			}(c)
		}
	}()
	const token = "EwBAccessTokenSecret0123456789abcdefghijklmnopqrstuvwxyz"
	cfg := core.MailSettings{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, Security: core.MailSecurityNone,
		User: "events@example.org", From: "events@example.org"}
	cfg.SignIn, cfg.Tokens = core.MailSignInMicrosoft, &tokenList{tokens: []string{token}}
	_, err = mail.Dial(context.Background(), cfg)
	if err == nil {
		t.Fatal("the echoing server accepted the sign-in")
	}
	blob := base64.StdEncoding.EncodeToString([]byte("user=events@example.org\x01auth=Bearer " + token + "\x01\x01"))
	if msg := err.Error(); strings.Contains(msg, token) || strings.Contains(msg, blob[:40]) || !strings.Contains(msg, "535") {
		t.Fatalf("error: %q", msg)
	}
}
