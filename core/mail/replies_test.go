package mail

import (
	"errors"
	"net/textproto"
	"strings"
	"testing"
)

// Every reply the mail services are known to give lands in the kind the
// engine acts on, with words that tell staff what to do.
func TestClassifyHandlesEveryKnownReply(t *testing.T) {
	cases := []struct {
		code   int
		msg    string
		kind   ErrorKind
		broken bool
		words  string // part of Error()
	}{
		{421, "4.7.0 Try again later, closing connection.", KindThrottled, true, "slow down"},
		{432, "4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending", KindThrottled, false, "slow down"},
		{450, "4.2.0 Greylisted, please try again later", KindThrottled, false, "slow down"},
		{451, "4.4.4 Temporary server error", KindThrottled, false, "slow down"},
		{452, "4.5.3 Too many recipients", KindThrottled, false, "slow down"},
		{454, "Throttling failure: Maximum sending rate exceeded.", KindThrottled, false, "slow down"},
		{550, "5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852", KindQuota, false, "daily sending limit"},
		{554, "5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message", KindQuota, false, "daily sending limit"},
		{550, "5.7.233 Remote recipients limit exceeded", KindQuota, false, "daily sending limit"},
		{550, "5.7.30 Basic authentication is not supported for Client Submission", KindPasswordsOff, true, "Sign in with Microsoft"},
		{535, "5.7.8 Username and Password not accepted", KindAuth, true, "refused the sign-in"},
		{535, "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant", KindAuth, true, "Settings → Mail"},
		{535, "5.7.3 Authentication unsuccessful", KindAuth, true, "refused the sign-in"},
		{550, "5.2.251 Message rejected: the account is blocked", KindBlocked, true, "stopped the reminders"},
		{554, "5.2.253 Too many failed messages", KindBlocked, true, "stopped the reminders"},
		{550, "5.2.255 Outbound spam", KindBlocked, true, "stopped the reminders"},
		{550, "5.1.1 <bob@example.org>: Recipient address rejected: User unknown", KindPermanent, false, "refused this address"},
		{553, "5.1.3 Bad recipient address syntax", KindPermanent, false, "refused this address"},
		{441, "4.4.1 No answer from host", KindTransient, false, "try again"},
	}
	for _, c := range cases {
		se := Classify(&textproto.Error{Code: c.code, Msg: c.msg}, "send", "smtp.example.org", "")
		if se.Kind != c.kind || se.Broken != c.broken {
			t.Errorf("%d %s: kind %v broken %v, want %v %v", c.code, c.msg, se.Kind, se.Broken, c.kind, c.broken)
		}
		if !strings.Contains(se.Error(), c.words) || !strings.Contains(se.Error(), c.msg[:5]) {
			t.Errorf("%d %s: words %q lack %q or the server's status", c.code, c.msg, se.Error(), c.words)
		}
	}
}

// What the engine does follows from the kind: only a refusal of one
// address is final; throttling and quota are neither failures nor stops.
func TestReplyKindsChooseTheEnginesAction(t *testing.T) {
	get := func(code int, msg string) *SendError {
		return Classify(&textproto.Error{Code: code, Msg: msg}, "send", "h", "")
	}
	if se := get(454, "Throttling failure"); !se.Throttled() || !se.Transient() || se.StopsBatch() || se.QuotaReached() {
		t.Errorf("454: %+v", se)
	}
	if se := get(550, "5.4.5 Daily user sending limit exceeded"); !se.QuotaReached() || !se.Transient() || se.StopsBatch() {
		t.Errorf("5.4.5: %+v", se)
	}
	for _, m := range []string{"5.7.30 Basic authentication is not supported", "5.2.252 blocked", "5.7.139 Authentication unsuccessful"} {
		if se := get(550, m); !se.StopsBatch() || !se.Transient() {
			t.Errorf("%s: should stop the batch and keep the message: %+v", m, se)
		}
	}
	if se := get(550, "5.1.1 User unknown"); se.Transient() || se.StopsBatch() {
		t.Errorf("550 5.1.1: %+v", se)
	}
	// 5.7.3 is not 5.7.30 and 5.2.25 is not in the blocked range.
	if se := get(535, "5.7.3 Authentication unsuccessful"); se.Kind != KindAuth {
		t.Errorf("5.7.3: %v", se.Kind)
	}
	if se := get(550, "5.2.25 something"); se.Kind != KindPermanent {
		t.Errorf("5.2.25: %v", se.Kind)
	}
	if se := Classify(errors.New("read tcp: connection reset by peer"), "send", "h", ""); se.Kind != KindTransient || !se.Broken {
		t.Errorf("reset: %+v", se)
	}
}
