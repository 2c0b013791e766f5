package core

import (
	"fmt"
	"time"
)

// ProviderErrorKind classifies refusals the engine words for staff.
type ProviderErrorKind string

const (
	PErrHostCannotRegister   ProviderErrorKind = "host_cannot_register" // Zoom 3027
	PErrRegistrationDisabled ProviderErrorKind = "registration_disabled"
	PErrDailyLimit           ProviderErrorKind = "daily_limit" // until RetryAt (00:00 UTC)
	PErrRegistrantDailyLimit ProviderErrorKind = "registrant_daily_limit"
	PErrRateLimited          ProviderErrorKind = "rate_limited" // per-second; retry after RetryAfter
	PErrUnauthorized         ProviderErrorKind = "unauthorized" // bad or revoked credentials
	PErrNotFound             ProviderErrorKind = "not_found"    // meeting or registrant
	PErrRefused              ProviderErrorKind = "refused"      // any other 4xx
	// PErrEventOver: the provider keeps registrations of a held event and
	// refuses to cancel them; Turnout keeps the cancellation locally.
	PErrEventOver ProviderErrorKind = "event_over"
)

// ProviderError is a refusal from a provider, classified. Message is the
// provider's own text; it never carries credentials.
type ProviderError struct {
	Kind       ProviderErrorKind
	Provider   string // the provider's label, or "Sandbox"
	HTTPStatus int
	Code       int // provider's error code, e.g. 3027
	Message    string
	RetryAt    time.Time     // daily limits: when requests may resume
	RetryAfter time.Duration // per-second limits: suggested wait
	// Advice, when set, is the adapter's own sentence for staff in office
	// words, said instead of the engine's general wording for Kind.
	Advice string
}

func (e *ProviderError) Error() string {
	s := fmt.Sprintf("%s refused (HTTP %d", e.Provider, e.HTTPStatus)
	if e.Code != 0 {
		s += fmt.Sprintf(", code %d", e.Code)
	}
	s += "): " + e.Message
	if !e.RetryAt.IsZero() {
		s += " (retry at " + e.RetryAt.UTC().Format(time.RFC3339) + ")"
	}
	return s
}
