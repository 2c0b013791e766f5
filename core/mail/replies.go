package mail

import (
	"errors"
	"fmt"
	"net/textproto"
	"regexp"
	"strconv"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// ErrorKind classifies a failure to send: what the engine does next
// depends on it (retry the message, slow down, pause for the day, stop
// the batch, or give up on one address).
type ErrorKind int

const (
	KindUnknown      ErrorKind = iota
	KindRefused                // nothing listens there, or the network is down
	KindTimeout                // the server did not answer in time
	KindTLSRequired            // the server wants an encrypted connection
	KindNoSTARTTLS             // STARTTLS chosen, but the server does not offer it
	KindTLS                    // encryption failed (certificate, protocol)
	KindAuth                   // 535, 5.7.139, 5.7.3: the sign-in was refused
	KindTransient              // other 4xx: try again later
	KindPermanent              // 5xx for this address: will never work
	KindThrottled              // 421, 432 4.3.2, 450, 451, 452, 454: slow down, retry later
	KindQuota                  // 5.4.5, 5.2.0 …QuotaExceeded, 5.7.233: the day's sending limit
	KindPasswordsOff           // 5.7.30: Microsoft 365 takes no passwords any more
	KindBlocked                // 5.2.251–5.2.255: the service blocked the sender
)

// SendError is a failure to send, in office words. Error() never contains
// the password.
type SendError struct {
	Kind ErrorKind
	Code int    // SMTP reply code, 0 if none
	Text string // the server's words (or the network error)
	// Broken says the connection cannot be used for another message.
	Broken bool
	host   string
}

// Transient reports whether trying again later may work. Only 5xx
// answers about an address are final; setting problems (login, TLS) are
// retried too, because staff can fix the settings without losing mail.
func (e *SendError) Transient() bool { return e.Kind != KindPermanent }

// Throttled says the server asked to slow down: not a failure of the
// message, which waits and goes again.
func (e *SendError) Throttled() bool { return e.Kind == KindThrottled }

// QuotaReached says the mail service's daily limit is used up: sending
// pauses until the window reopens.
func (e *SendError) QuotaReached() bool { return e.Kind == KindQuota }

// StopsBatch says no other message can go either until staff act (the
// sign-in or the security settings are wrong, or the service blocked the
// mailbox): the batch stops and the messages wait, untouched.
func (e *SendError) StopsBatch() bool {
	switch e.Kind {
	case KindAuth, KindPasswordsOff, KindBlocked, KindTLSRequired, KindNoSTARTTLS, KindTLS, KindSignIn:
		return true
	}
	return false
}

// ServerWords is what the server said, for the registrant's record.
func (e *SendError) ServerWords() string {
	if e.Code != 0 {
		return strconv.Itoa(e.Code) + " " + e.Text
	}
	return e.Text
}

func (e *SendError) Error() string {
	switch e.Kind {
	case KindSignIn: // worded where the sign-in failed (auth.go)
		return e.Text
	case KindRefused:
		return fmt.Sprintf("The mail server %s refused the connection or cannot be reached. Check the server name and port in the mail settings, and that this PC is online.", e.host)
	case KindTimeout:
		return fmt.Sprintf("The mail server %s did not answer in time. Check the server name and port; Turnout will try again.", e.host)
	case KindTLSRequired:
		return fmt.Sprintf("The mail server %s requires an encrypted connection. Choose STARTTLS (usually port 587) or TLS (usually port 465) in the mail settings.", e.host)
	case KindNoSTARTTLS:
		return fmt.Sprintf("The mail server %s does not offer STARTTLS, so Turnout sent nothing over the unencrypted connection. Choose TLS (usually port 465), or None only for a server inside your office network.", e.host)
	case KindTLS:
		return fmt.Sprintf("The encrypted connection to %s failed (%s). Check the security choice and port: TLS is usually port 465, STARTTLS port 587.", e.host, e.Text)
	case KindAuth:
		return fmt.Sprintf("The mail server %s refused the sign-in: it did not accept the user name and password (%s). Check them in Settings → Mail, or sign in there again; for Microsoft 365 your IT admin may have to turn on authenticated SMTP for this mailbox. Reminders wait until then.", e.host, e.ServerWords())
	case KindPasswordsOff:
		return fmt.Sprintf("Microsoft 365 no longer accepts passwords for sending mail (%s): Sign in with Microsoft in Settings → Mail (or run \"turnout mail connect microsoft\"). Reminders wait until then; nothing is lost.", e.ServerWords())
	case KindBlocked:
		return fmt.Sprintf("The mail service has blocked sending from this mailbox (%s), usually after too many rejected messages. Turnout stopped the reminders and keeps them: ask your IT admin to unblock the mailbox, then send them again.", e.ServerWords())
	case KindQuota:
		return fmt.Sprintf("The mail service's daily sending limit is used up (%s). Turnout pauses the reminders and sends the rest when the limit allows again.", e.ServerWords())
	case KindThrottled:
		return fmt.Sprintf("The mail server asks Turnout to slow down (%s); Turnout waits a little and sends again.", e.ServerWords())
	case KindTransient:
		return fmt.Sprintf("The mail server is busy or refused for now (%s); Turnout will try again.", e.ServerWords())
	case KindPermanent:
		return fmt.Sprintf("The mail server refused this address: %s", e.ServerWords())
	}
	return fmt.Sprintf("Sending through %s failed: %s", e.host, e.ServerWords())
}

// UserError wraps e as a core.Error for dialogs and the CLI.
func (e *SendError) UserError() *core.Error {
	code := core.EUNAVAILABLE
	switch e.Kind {
	case KindAuth, KindPasswordsOff, KindSignIn:
		code = core.EUNAUTHORIZED
	case KindPermanent:
		code = core.EINVALID
	}
	return &core.Error{Code: code, Message: e.Error()}
}

// enhancedCode is an RFC 3463 status at the start of a reply ("5.7.30").
var enhancedCode = regexp.MustCompile(`^([245])\.(\d{1,3})\.(\d{1,3})\b`)

// Classify turns an error from the SMTP client or the network into a
// *SendError. stage is "connect" or "send"; password is scrubbed from any
// text kept.
func Classify(err error, stage, host, password string) *SendError {
	if err == nil {
		return nil
	}
	var se *SendError
	if errors.As(err, &se) {
		return se
	}
	scrub := func(s string) string {
		if password != "" {
			s = strings.ReplaceAll(s, password, "***")
		}
		return core.RedactSecrets(s) // e.g. a server echoing AUTH PLAIN's base64
	}
	msg := scrub(err.Error())
	e := &SendError{Text: msg, host: host}
	var tp *textproto.Error
	low := strings.ToLower(msg)
	switch {
	case errors.As(err, &tp):
		e.Code, e.Text = tp.Code, scrub(strings.TrimSpace(tp.Msg))
		e.Kind, e.Broken = classifyReply(tp.Code, e.Text, low)
	case strings.Contains(low, "connection refused"), strings.Contains(low, "no such host"),
		strings.Contains(low, "network is unreachable"), strings.Contains(low, "no route to host"):
		e.Kind, e.Broken = KindRefused, true
	case strings.Contains(low, "timed out"), strings.Contains(low, "timeout"):
		e.Kind, e.Broken = KindTimeout, true
	case strings.Contains(low, "tls") || strings.Contains(low, "x509") || strings.Contains(low, "certificate"):
		e.Kind, e.Broken = KindTLS, true
	case strings.Contains(low, "auth"):
		e.Kind, e.Broken = KindAuth, true
	default:
		// EOF, reset by peer, broken pipe: the connection is gone.
		e.Kind, e.Broken = KindTransient, true
	}
	if stage == "connect" {
		e.Broken = true
	}
	return e
}

// classifyReply sorts one SMTP reply: code is the basic reply code, text
// the words after it (starting with the enhanced status, if any), whole
// the full error text.
func classifyReply(code int, text, whole string) (ErrorKind, bool) {
	status := ""
	var sub, detail int
	if m := enhancedCode.FindStringSubmatch(text); m != nil {
		status = m[0]
		sub, _ = strconv.Atoi(m[2])
		detail, _ = strconv.Atoi(m[3])
	}
	lowText := strings.ToLower(text)
	switch {
	case status == "5.7.30":
		return KindPasswordsOff, true
	case code >= 500 && sub == 2 && detail >= 251 && detail <= 255:
		return KindBlocked, true
	case status == "5.4.5", status == "5.7.233",
		status == "5.2.0" && strings.Contains(lowText, "quotaexceeded"):
		return KindQuota, false
	case code == 530 && strings.Contains(lowText, "tls"), code == 538, code == 523:
		return KindTLSRequired, true
	case code == 535, code == 534, code == 530, status == "5.7.139", status == "5.7.3",
		strings.Contains(whole, "on auth"):
		return KindAuth, true
	case code == 421:
		// The server closes the connection after a 421.
		return KindThrottled, true
	case code == 432, code == 450, code == 451, code == 452, code == 454:
		return KindThrottled, false
	case code >= 400 && code < 500:
		return KindTransient, false
	case code >= 500:
		return KindPermanent, false
	}
	return KindUnknown, false
}
