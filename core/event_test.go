package core

import (
	"strings"
	"testing"
	"time"
)

func TestEventValidateNamesTheMissingField(t *testing.T) {
	start := time.Date(2026, 12, 1, 19, 0, 0, 0, time.UTC)
	base := func(l Location) Event {
		return Event{Title: "Webinar", Start: start, Duration: time.Hour, TimeZone: "America/New_York", Location: l}
	}
	tests := []struct {
		name    string
		event   Event
		wantErr string // "" means valid
	}{
		{"link needs a URL", base(Location{Provider: ProviderLink}), "Join URL is required for a Other link event"},
		{"link with URL is valid", base(Location{Provider: ProviderLink, JoinURL: "https://example.org/live"}), ""},
		{"vimeo needs a URL", base(Location{Provider: ProviderVimeo}), "Join URL is required for a Vimeo event"},
		{"goto needs the webinar key", base(Location{Provider: ProviderGoTo}), "Webinar key is required for a GoTo Webinar event"},
		{"ringcentral needs the webinar ID", base(Location{Provider: ProviderRingCentral, ExternalID2: "s"}), "Webinar ID is required"},
		{"ringcentral needs the session ID", base(Location{Provider: ProviderRingCentral, ExternalID: "w"}), "Session ID is required"},
		{"unknown provider", base(Location{Provider: "webex"}), `Provider "webex" is unknown`},
		{"teams is link-only", base(Location{Provider: ProviderTeams}), "Join URL is required for a Microsoft Teams event"},
		{"URL must be a web address", base(Location{Provider: ProviderLink, JoinURL: "javascript:alert(1)"}), "is not a web address"},
		{"title required", Event{Start: start, Duration: time.Hour, TimeZone: "UTC"}, "Title is required"},
		{"zone must exist", Event{Title: "x", Start: start, Duration: time.Hour, TimeZone: "Mars/Olympus"}, `Time zone "Mars/Olympus" is unknown`},
		{"duration positive", Event{Title: "x", Start: start, TimeZone: "UTC"}, "Duration must be at least one minute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.event.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want valid", err)
				}
				return
			}
			if err == nil || !strings.Contains(ErrorMessage(err), tt.wantErr) {
				t.Fatalf("Validate() = %v, want message containing %q", err, tt.wantErr)
			}
			if ErrorCode(err) != EINVALID {
				t.Errorf("code = %s, want %s", ErrorCode(err), EINVALID)
			}
		})
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"  Ann@Example.org ", "Ann@Example.org", true},
		{"bob@", "", false},
		{"Ann <ann@example.org>", "", false},
		{"ann@localhost", "", false},
		{"", "", false},
		{"o'neil+tag@sub.example.co.uk", "o'neil+tag@sub.example.co.uk", true},
	}
	for _, tt := range tests {
		got, err := NormalizeEmail(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	if EmailKey(" Ann@Example.ORG") != "ann@example.org" {
		t.Errorf("EmailKey does not fold case and trim")
	}
}

func TestErrorMessageHidesInternalDetail(t *testing.T) {
	msg := ErrorMessage(errString("open /home/x/.config/turnout.db: unexpected EOF"))
	if strings.Contains(msg, "EOF") || strings.Contains(msg, "/home") {
		t.Fatalf("internal detail leaked: %q", msg)
	}
	if ErrorCode(errString("x")) != EINTERNAL || ErrorCode(nil) != "" {
		t.Fatalf("codes wrong")
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func TestOfficeLogoMustBeASmallPictureFile(t *testing.T) {
	o := DefaultOffice()
	o.Logo = []byte("%PDF-1.4")
	if err := o.Validate(); ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "PNG or JPEG") {
		t.Fatalf("a PDF logo: %v", err)
	}
	o.Logo = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, MaxLogoBytes)...)
	if err := o.Validate(); !strings.Contains(ErrorMessage(err), "larger than 1 MB") {
		t.Fatalf("a 1 MB+ logo: %v", err)
	}
	o.Logo = []byte("\x89PNG\r\n\x1a\n....")
	if err := o.Validate(); err != nil {
		t.Fatalf("a PNG logo: %v", err)
	}
}
