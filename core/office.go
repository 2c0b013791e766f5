package core

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Office holds the settings that apply to every event: its name, the time
// zone every email and report is shown in, and the branding of emails.
type Office struct {
	Name        string `json:"name"`
	TimeZone    string `json:"time_zone"`              // IANA name, e.g. "America/New_York"
	HeaderColor string `json:"header_color,omitempty"` // "#RRGGBB"
	Logo        []byte `json:"logo,omitempty"`         // PNG or JPEG bytes
	ReplyTo     string `json:"reply_to,omitempty"`
	// Staff lists the office's own people, addresses and whole domains
	// ("@riverside.example.org"): check-in counts them as staff, never as
	// walk-ins or attendees. It changes only through StaffService (see
	// staff.go), so saving the other settings cannot drop an entry.
	Staff []string `json:"staff,omitempty"`
}

// DefaultOffice is what a new data file starts with.
func DefaultOffice() Office {
	return Office{Name: "My office", TimeZone: "America/New_York", HeaderColor: "#1F5FA8"}
}

var hexColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// Validate checks the settings and normalises them in place.
func (o *Office) Validate() error {
	o.Name = strings.TrimSpace(o.Name)
	o.ReplyTo = strings.TrimSpace(o.ReplyTo)
	if o.Name == "" {
		return Errorf(EINVALID, "Office name is required.")
	}
	if _, err := LoadNamedLocation(o.TimeZone); err != nil {
		return err
	}
	if o.HeaderColor != "" && !hexColor.MatchString(o.HeaderColor) {
		return Errorf(EINVALID, "Header colour %q is not a colour code; use the form #1F5FA8.", o.HeaderColor)
	}
	if err := CheckLogo(o.Logo); err != nil {
		return err
	}
	if o.ReplyTo != "" {
		if _, err := NormalizeEmail(o.ReplyTo); err != nil {
			return Errorf(EINVALID, "Reply-to address %q is not a valid email address.", o.ReplyTo)
		}
	}
	return nil
}

// Location returns the office time zone, falling back to UTC if the stored
// name is unknown on this machine.
func (o Office) Location() *time.Location {
	loc, err := LoadLocation(o.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// LoadLocation wraps time.LoadLocation with a message staff can act on.
func LoadLocation(name string) (*time.Location, error) {
	if strings.TrimSpace(name) == "" {
		return nil, Errorf(EINVALID, "Time zone is required; use a name such as America/New_York or Europe/London.")
	}
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, Errorf(EINVALID, "Time zone %q is unknown; use a name such as America/New_York or Europe/London.", name)
	}
	locations.Store(name, loc)
	return loc, nil
}

// locations keeps the zones loaded: time.LoadLocation reads and parses the
// zone file on every call, and every reminder of a batch asks for two.
var locations sync.Map

// MaxLogoBytes bounds the logo, which every reminder email carries.
const MaxLogoBytes = 1 << 20

// CheckLogo accepts no logo, or a PNG or JPEG of at most MaxLogoBytes.
func CheckLogo(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	if len(b) > MaxLogoBytes {
		return Errorf(EINVALID, "The logo is larger than 1 MB; save a smaller PNG or JPEG and choose it again.")
	}
	if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) && !bytes.HasPrefix(b, []byte("\xff\xd8\xff")) {
		return Errorf(EINVALID, "The logo is not a PNG or JPEG picture; choose a .png or .jpg file.")
	}
	return nil
}
